/**
 * A synthetic knowledge base of any size for benchmarks, grown from the sample KB in `content/`:
 * every synthetic article is a variant of a real sample article (same KCS sections, commands and
 * error strings) with its own title, site, device, version and error code, so search and similarity
 * see a realistic vocabulary rather than copies. Trees and training modules grow with the KB
 * (one tree per 100 articles, one module per 250). Deterministic for a given size and seed.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { bigTree } from './big-tree.ts';

/** Id of the 150-node decision tree every synthetic KB contains. */
export const BIG_TREE = 'netzwerk-diagnose-gross';

export interface SyntheticKb {
  dir: string;
  articles: number;
  trees: number;
  training: number;
  /** Ids of generated (not copied) articles, e.g. for a one-article rebuild. */
  generatedIds: string[];
}

/** mulberry32: a tiny seeded PRNG, so a benchmark's KB is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Leipzig', 'Stuttgart', 'Dresden', 'Bremen', 'Wien', 'Zürich'];
const DEVICES = [
  'Lenovo ThinkPad T14 Gen 5',
  'Dell Latitude 7450',
  'HP EliteBook 840 G11',
  'Microsoft Surface Laptop 6',
  'Fujitsu Esprimo D9013',
  'Lenovo ThinkCentre M90q',
  'HP Z2 Mini G9',
  'Apple MacBook Air M3',
];
const VERSIONS = ['Windows 11 23H2', 'Windows 11 24H2', 'Windows 11 25H2', 'Windows 10 22H2', 'macOS 15 Sequoia', 'macOS 26 Tahoe'];
const APPS = ['Microsoft 365 Apps 2510', 'Teams 25290', 'Outlook (neu)', 'Citrix Workspace 2509', 'FortiClient 7.4', 'GlobalProtect 6.3'];
const DEPARTMENTS = ['Vertrieb', 'Buchhaltung', 'Einkauf', 'Personal', 'Produktion', 'Logistik', 'Kundenservice', 'Entwicklung'];

interface Source {
  id: string;
  lang: 'de' | 'en';
  data: Record<string, unknown>;
  body: string;
}

function splitFrontmatter(text: string, file: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter`);
  return { data: parse(m[1]!) as Record<string, unknown>, body: m[2]! };
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;

/** Frontmatter dates as YAML dates (`2026-01-31`), not strings with a time. */
function yamlFrontmatter(data: Record<string, unknown>): string {
  return stringify(data, { lineWidth: 0 }).replace(/^(created|reviewed|reviewBy): "?(\d{4}-\d{2}-\d{2})"?$/gm, '$1: $2');
}

/** Variant `k` of a source article: site, device and OS cycle so titles stay unique up to 480 variants. */
function variantArticle(src: Source, i: number, k: number, r: () => number): { file: string; text: string } {
  const site = SITES[k % SITES.length]!;
  const device = DEVICES[Math.floor(k / SITES.length) % DEVICES.length]!;
  const version = VERSIONS[Math.floor(k / (SITES.length * DEVICES.length)) % VERSIONS.length]!;
  const app = pick(APPS, r);
  const dept = pick(DEPARTMENTS, r);
  const code = `0x8${Math.floor(r() * 0xfffffff)
    .toString(16)
    .padStart(7, '0')
    .toUpperCase()}`;
  const id = `${src.id}-v${i}`;
  const de = src.lang === 'de';
  const suffix = de ? ` (${site}, ${device}, ${version})` : ` (${site} office, ${device}, ${version})`;
  const title = `${String(src.data.title).slice(0, 140 - suffix.length)}${suffix}`;
  const data: Record<string, unknown> = {
    ...src.data,
    title,
    environment: { ...(src.data.environment as object), os: [version], device: [device], application: [app] },
    errorCodes: [...((src.data.errorCodes as string[]) ?? []), code],
    created: '2025-03-01',
    reviewed: `2026-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
  };
  delete data.reviewBy;
  delete data.sources;
  // A variant is an article of its own: its original has a translation already.
  delete data.translationOf;
  const note = de
    ? `Gemeldet am Standort ${site} (Abteilung ${dept}) auf ${device} mit ${version} und ${app}. In den Protokollen erscheint zusätzlich der Fehlercode \`${code}\`; Rechnername ${site.slice(0, 3).toUpperCase()}-PC${1000 + i}.`
    : `Reported at the ${site} office (${dept} team) on ${device} with ${version} and ${app}. The logs also show error code \`${code}\`; computer name ${site.slice(0, 3).toUpperCase()}-PC${1000 + i}.`;
  // The note goes into the first section, so the KCS section order stays intact.
  const at = src.body.indexOf('\n## ', src.body.indexOf('## ') + 3);
  const body = at > 0 ? `${src.body.slice(0, at)}\n\n${note}\n${src.body.slice(at)}` : `${src.body}\n\n${note}\n`;
  return { file: join(src.lang, `${id}.mdx`), text: `---\n${yamlFrontmatter(data)}---\n${body}` };
}

/**
 * Writes a KB with `articles` articles to `dir` (replacing it): the sample articles, trees and
 * training modules from `sampleDir`, plus generated variants.
 */
export function generateKb(options: { sampleDir: string; dir: string; articles: number; seed?: number }): SyntheticKb {
  const { sampleDir, dir } = options;
  const r = prng(options.seed ?? 42);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(sampleDir, 'categories.yaml'), join(dir, 'categories.yaml'));
  // The search vocabulary belongs to the content: a big KB ships it too.
  if (existsSync(join(sampleDir, 'synonyms.yaml'))) cpSync(join(sampleDir, 'synonyms.yaml'), join(dir, 'synonyms.yaml'));
  cpSync(join(sampleDir, 'articles'), join(dir, 'articles'), { recursive: true });
  cpSync(join(sampleDir, 'trees'), join(dir, 'trees'), { recursive: true });
  cpSync(join(sampleDir, 'training'), join(dir, 'training'), { recursive: true });

  const sources: Source[] = [];
  for (const lang of ['de', 'en'] as const) {
    for (const name of readdirSync(join(sampleDir, 'articles', lang)).sort()) {
      const file = join(sampleDir, 'articles', lang, name);
      const { data, body } = splitFrontmatter(readFileSync(file, 'utf8'), file);
      // Archived articles stay single; variants of them would only add noise.
      if (data.confidence !== 'archived') sources.push({ id: name.replace(/\.mdx$/, ''), lang, data, body });
    }
  }
  const copied = readdirSync(join(sampleDir, 'articles', 'de')).length + readdirSync(join(sampleDir, 'articles', 'en')).length;
  const generatedIds: string[] = [];
  for (let i = 0; i < options.articles - copied; i++) {
    const src = sources[i % sources.length]!;
    const { file, text } = variantArticle(src, i, Math.floor(i / sources.length), r);
    writeFileSync(join(dir, 'articles', file), text);
    generatedIds.push(`${src.id}-v${i}`);
  }

  const treeFiles = readdirSync(join(sampleDir, 'trees'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const extraTrees = Math.max(0, Math.floor(options.articles / 100) - treeFiles.length);
  for (let i = 0; i < extraTrees; i++) {
    const name = treeFiles[i % treeFiles.length]!;
    const id = `${name.replace(/\.yaml$/, '')}-v${i}`;
    const text = readFileSync(join(sampleDir, 'trees', name), 'utf8')
      .replace(/^id: .*$/m, `id: ${id}`)
      .replace(/^title: "(.*)"$/m, (_, t: string) => `title: "${t.slice(0, 120)} (${pick(SITES, r)})"`);
    writeFileSync(join(dir, 'trees', `${id}.yaml`), text);
  }

  // One large tree (150 nodes) for the tree-page size budget.
  const de = sources.filter((s) => s.lang === 'de');
  writeFileSync(
    join(dir, 'trees', `${BIG_TREE}.yaml`),
    bigTree({ id: BIG_TREE, category: String(de[0]!.data.category), articles: de.slice(0, 5).map((s) => s.id), team: 'l2-network' }),
  );

  const modules = readdirSync(join(sampleDir, 'training'))
    .filter((f) => f.endsWith('.mdx'))
    .sort();
  const extraModules = Math.max(0, Math.floor(options.articles / 250) - modules.length);
  for (let i = 0; i < extraModules; i++) {
    const name = modules[i % modules.length]!;
    const text = readFileSync(join(sampleDir, 'training', name), 'utf8').replace(
      /^title: "(.*)"$/m,
      (_, t: string) => `title: "${t.slice(0, 110)} – ${pick(SITES, r)} ${i}"`,
    );
    writeFileSync(join(dir, 'training', name.replace(/\.mdx$/, `-v${i}.mdx`)), text);
  }

  return {
    dir,
    articles: Math.max(copied, options.articles),
    trees: treeFiles.length + extraTrees + 1,
    training: modules.length + extraModules,
    generatedIds,
  };
}

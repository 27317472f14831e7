/**
 * `npm run bench`: builds synthetic knowledge bases of 1,000 and 10,000 articles with Support KB
 * and with a bare Astro + MDX + Pagefind baseline, runs the escalation importer on 10,000 and
 * 100,000 records, and reports JSON plus a Markdown table. Not a test: nothing is asserted.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIG_TREE, generateKb } from './synthetic.ts';
import { writeServiceNowCsv } from './tickets.ts';
import { dirSize, gzipSize, initialJs, measure, median, type Run } from './measure.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE = process.execPath;
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BenchOptions {
  sizes: number[];
  records: number[];
  /** KB size the importer runs against (largest build size by default). */
  importKb: number;
  keep: boolean;
  chromium?: string | undefined;
  log: (line: string) => void;
}

interface BuildStats {
  wallMs: number;
  peakRssBytes: number | null;
  pages: number;
}

export interface SizeResult {
  articles: number;
  trees: number;
  training: number;
  build: BuildStats;
  rebuildOneChange: BuildStats;
  baseline: BuildStats;
  /** build wall time / baseline wall time */
  ratio: number;
  dist: { bytes: number; files: number };
  articleHtml: { median: number; max: number; medianGzip: number };
  /** HTML of the 150-node decision tree's page. */
  bigTreeHtml: { bytes: number; gzipBytes: number };
  js: Record<string, { bytes: number; gzipBytes: number }>;
  pagefindQuery: { query: string; bytes: number; requests: number; indexBytes: number } | null;
}

export interface ImportResult {
  records: number;
  kbArticles: number;
  wallMs: number;
  peakRssBytes: number | null;
  summary: string;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  sizes: SizeResult[];
  importer: ImportResult[];
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', KB_TODAY: '2026-11-27', ...extra };
}

function checked(run: Run, what: string): Run {
  if (run.status !== 0) throw new Error(`${what} failed (exit ${run.status}):\n${run.output.slice(-4000)}`);
  return run;
}

const pagesBuilt = (output: string) => Number(/(\d+) page\(s\) built/.exec(output)?.[1] ?? 0);
const stats = (run: Run): BuildStats => ({ wallMs: Math.round(run.wallMs), peakRssBytes: run.peakRssBytes, pages: pagesBuilt(run.output) });

function firstPage(dist: string, dir: string): string {
  const name = readdirSync(join(dist, dir), { withFileTypes: true }).find(
    (e) => e.isDirectory() && existsSync(join(dist, dir, e.name, 'index.html')),
  );
  if (!name) throw new Error(`no page under ${dir}/`);
  return join(dist, dir, name.name, 'index.html');
}

function articleHtml(dist: string) {
  const sizes: number[] = [];
  const gz: number[] = [];
  for (const dir of ['artikel', 'en/articles']) {
    for (const e of readdirSync(join(dist, dir), { withFileTypes: true })) {
      const file = join(dist, dir, e.name, 'index.html');
      if (!existsSync(file)) continue;
      const html = readFileSync(file);
      sizes.push(html.length);
      if (gz.length < 500) gz.push(gzipSize(html));
    }
  }
  return { median: median(sizes), max: Math.max(...sizes), medianGzip: median(gz) };
}

function jsPerPageType(dist: string) {
  const pages: Record<string, string> = {
    home: join(dist, 'index.html'),
    article: firstPage(dist, 'artikel'),
    category: firstPage(dist, 'kategorien'),
    tree: firstPage(dist, 'diagnose'),
    search: join(dist, 'suche/index.html'),
    training: firstPage(dist, 'schulungen'),
  };
  return Object.fromEntries(
    Object.entries(pages).map(([type, file]) => {
      const { bytes, gzipBytes } = initialJs(dist, file);
      return [type, { bytes, gzipBytes }];
    }),
  );
}

/** Bytes the browser fetches from /pagefind/ to show results for one query on the search page. */
export async function pagefindQuery(dist: string, chromium: string | undefined, query: string) {
  if (!chromium) return null;
  const { serveDir } = await import('../helpers/server.ts');
  const { launchBrowser } = await import('../helpers/browser.ts');
  const server = await serveDir(dist);
  const browser = await launchBrowser(chromium);
  try {
    const page = await browser.newPage();
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/pagefind/')) sizes.push(res.body().then((b) => ({ url: res.url(), bytes: b.length })));
    });
    await page.goto(`${server.url}/suche/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('.search-result a', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const all = await Promise.all(sizes);
    return {
      query,
      bytes: all.reduce((n, s) => n + s.bytes, 0),
      requests: all.length,
      indexBytes: all.filter((s) => /pf_(index|fragment|meta|filter)|\.pf_/.test(s.url)).reduce((n, s) => n + s.bytes, 0),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function benchSize(work: string, articles: number, o: BenchOptions): Promise<SizeResult> {
  const kbDir = join(work, `kb-${articles}`);
  const kb = generateKb({ sampleDir: join(ROOT, 'content'), dir: kbDir, articles });
  o.log(`${articles} articles: ${kb.trees} trees, ${kb.training} training modules generated`);

  const out = join(work, `site-${articles}`);
  const siteEnv = env({
    KB_CONTENT_DIR: kbDir,
    KB_OUT_DIR: join(out, 'dist'),
    KB_CACHE_DIR: join(out, 'astro-cache'),
    KB_RELATED_CACHE: join(out, 'related-cache'),
  });
  const build = checked(await measure(NODE, [ASTRO, 'build'], { cwd: ROOT, env: siteEnv }), 'Support KB build');
  o.log(`  Support KB build: ${(build.wallMs / 1000).toFixed(1)} s, ${mb(build.peakRssBytes)}`);

  const dist = join(out, 'dist');
  const result = {
    dist: dirSize(dist),
    articleHtml: articleHtml(dist),
    bigTreeHtml: (() => {
      const html = readFileSync(join(dist, 'diagnose', BIG_TREE, 'index.html'));
      return { bytes: html.length, gzipBytes: gzipSize(html) };
    })(),
    js: jsPerPageType(dist),
    pagefindQuery: await pagefindQuery(dist, o.chromium, 'drucker'),
  };

  // One article changes, as in a typical commit.
  const changed = kb.generatedIds[Math.floor(kb.generatedIds.length / 2)];
  if (changed) {
    const file = ['de', 'en'].map((l) => join(kbDir, 'articles', l, `${changed}.mdx`)).find(existsSync)!;
    appendFileSync(file, '\nErgänzung: Nach dem Neustart erneut prüfen.\n');
  }
  const rebuild = checked(await measure(NODE, [ASTRO, 'build'], { cwd: ROOT, env: siteEnv }), 'Support KB rebuild');
  o.log(`  rebuild after one change: ${(rebuild.wallMs / 1000).toFixed(1)} s, ${mb(rebuild.peakRssBytes)}`);

  const proj = join(work, `baseline-${articles}`);
  cpSync(join(ROOT, 'test/bench/baseline'), proj, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(proj, 'node_modules'));
  const baseEnv = env({ KB_CONTENT_DIR: kbDir, KB_OUT_DIR: join(proj, 'dist'), KB_CACHE_DIR: join(proj, 'astro-cache') });
  const baseline = checked(await measure(NODE, [ASTRO, 'build'], { cwd: proj, env: baseEnv }), 'baseline build');
  o.log(`  baseline build: ${(baseline.wallMs / 1000).toFixed(1)} s, ${mb(baseline.peakRssBytes)}`);
  if (!o.keep) {
    rmSync(out, { recursive: true, force: true });
    rmSync(proj, { recursive: true, force: true });
  }
  return {
    articles: kb.articles,
    trees: kb.trees,
    training: kb.training,
    build: stats(build),
    rebuildOneChange: stats(rebuild),
    baseline: stats(baseline),
    ratio: Math.round((build.wallMs / baseline.wallMs) * 100) / 100,
    ...result,
  };
}

async function benchImport(work: string, records: number, kbSize: number, o: BenchOptions): Promise<ImportResult> {
  const kbDir = join(work, `import-kb-${records}`);
  generateKb({ sampleDir: join(ROOT, 'content'), dir: kbDir, articles: kbSize });
  const csv = join(work, `incidents-${records}.csv`);
  await writeServiceNowCsv(csv, records, join(ROOT, 'content'));
  const run = await measure(NODE, [join(ROOT, 'scripts/kb.ts'), 'import', csv, '--from', 'servicenow', '--content', kbDir], {
    cwd: ROOT,
    env: env({}),
  });
  const summary = /\d+ records: [^\n;]+/.exec(run.output)?.[0] ?? run.output.slice(-500);
  if (run.status !== 0) throw new Error(`import of ${records} records failed (exit ${run.status}):\n${run.output.slice(-4000)}`);
  o.log(`  import ${records} records: ${(run.wallMs / 1000).toFixed(1)} s, ${mb(run.peakRssBytes)} – ${summary}`);
  if (!o.keep) rmSync(kbDir, { recursive: true, force: true });
  return { records, kbArticles: kbSize, wallMs: Math.round(run.wallMs), peakRssBytes: run.peakRssBytes, summary };
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'support-kb-bench-'));
  o.log(`working in ${work}`);
  try {
    const sizes: SizeResult[] = [];
    for (const n of o.sizes) sizes.push(await benchSize(work, n, o));
    const importer: ImportResult[] = [];
    for (const n of o.records) importer.push(await benchImport(work, n, o.importKb, o));
    return {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      },
      sizes,
      importer,
    };
  } finally {
    if (!o.keep) rmSync(work, { recursive: true, force: true });
  }
}

export const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function markdownTable(r: BenchResult): string {
  const cols = r.sizes.map((x) => `${x.articles.toLocaleString('en')} articles`);
  const row = (label: string, f: (x: SizeResult) => string) => `| ${label} | ${r.sizes.map(f).join(' | ')} |`;
  const lines = [
    `| | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    row('Pages built', (x) => x.build.pages.toLocaleString('en')),
    row('Build wall time', (x) => s(x.build.wallMs)),
    row('Build peak memory', (x) => mb(x.build.peakRssBytes)),
    row('Bare baseline wall time', (x) => s(x.baseline.wallMs)),
    row('Bare baseline peak memory', (x) => mb(x.baseline.peakRssBytes)),
    row('Build / baseline', (x) => `${x.ratio.toFixed(2)}×`),
    row('Rebuild after one changed article', (x) => s(x.rebuildOneChange.wallMs)),
    row('`dist/` size', (x) => `${mb(x.dist.bytes)} (${x.dist.files.toLocaleString('en')} files)`),
    row('Article HTML median / max', (x) => `${kb(x.articleHtml.median)} / ${kb(x.articleHtml.max)}`),
    row('Tree page HTML, 150 nodes (gzip)', (x) => `${kb(x.bigTreeHtml.bytes)} (${kb(x.bigTreeHtml.gzipBytes)})`),
    ...Object.keys(r.sizes[0]?.js ?? {}).map((t) => row(`JS on load: ${t} (gzip)`, (x) => (x.js[t] ? `${kb(x.js[t].gzipBytes)}` : '–'))),
    row('Pagefind bytes for one query', (x) =>
      x.pagefindQuery
        ? `${kb(x.pagefindQuery.bytes)} in ${x.pagefindQuery.requests} requests (index ${kb(x.pagefindQuery.indexBytes)})`
        : 'no Chromium',
    ),
  ];
  if (r.importer.length) {
    lines.push('', '| Importer | Wall time | Peak memory | Outcome |', '|---|---:|---:|---|');
    for (const i of r.importer) {
      lines.push(
        `| ${i.records.toLocaleString('en')} records vs ${i.kbArticles.toLocaleString('en')} articles | ${s(i.wallMs)} | ${mb(i.peakRssBytes)} | ${i.summary} |`,
      );
    }
  }
  const m = r.machine;
  lines.push('', `Measured ${r.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}.`);
  return `${lines.join('\n')}\n`;
}

export function writeResults(r: BenchResult, dir: string, name: string): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, markdownTable(r));
  return { json, md };
}

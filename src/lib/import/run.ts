/**
 * The escalation import: every record of every input is accounted for (drafted, merged, linked,
 * skipped or rejected), known issues are linked instead of duplicated, new problems become draft
 * articles, and aggregates go to insights. Deterministic and idempotent: the same import twice
 * changes no file; a draft a person edited or promoted is never overwritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { escalationSchema, type Escalation, type ImportMapping } from '../../schemas/escalation.ts';
import type { Category, Locale } from '../../schemas/index.ts';
import { KCS_HEADINGS } from '../kcs.ts';
import type { DiskKb } from '../kb-files.ts';
import { slugify } from '../scaffold.ts';
import { createSimilarityIndex, type Match } from '../similarity.ts';
import { parseTreeMarker } from '../trees.ts';
import { detectFormat, DEFAULT_TEAM_PATTERN, mapRecord, missingColumns, type Format } from './formats.ts';
import { csvHeader, readCsv, readJson, readZammad, type RecordOrError } from './read.ts';
import { mdxLiteral, mdxParagraphs, redact } from './text.ts';

export type Outcome = 'drafted' | 'merged' | 'linked' | 'skipped' | 'rejected';

export interface ReportRecord {
  system: string;
  id: string;
  outcome: Outcome;
  reason: string;
  article: string | null;
  where: string;
}

export interface ImportOptions {
  files: string[];
  format?: Format;
  mapping?: ImportMapping;
  contentRoot: string;
  kb: DiskKb;
  dryRun: boolean;
  today: Date;
  locale: Locale;
  teamPattern?: RegExp;
  /** Similarity above which a ticket is a known issue of an existing article. */
  knownThreshold?: number;
  /** Similarity above which two new tickets are the same problem. */
  sameProblemThreshold?: number;
  onRecord?: (count: number) => void;
  onFormat?: (file: string, format: Format, detected: boolean) => void;
}

/** A ticket as remembered in content/escalations/links.json (no personal data). */
export interface LedgerEntry {
  article: string;
  outcome: 'drafted' | 'linked';
  category: string;
  month: string;
  known: boolean;
  tree?: string;
  score?: number;
}

/** Generated drafts in content/escalations/drafts.json: their tickets (redacted) and file digest. */
export interface DraftRecord {
  file: string;
  digest: string;
  tickets: (Omit<Escalation, 'resolvedAt'> & { resolvedAt?: string })[];
}

export interface ImportResult {
  records: ReportRecord[];
  summary: Record<Outcome, number> & { total: number; files: number; written: string[] };
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** KB category for a ticket category path and title: explicit mapping, then keywords, then a fallback. */
const KEYWORDS: [RegExp, string][] = [
  [/vpn|wlan|wi-?fi|netzwerk|network|dns|proxy|lan\b|firewall/i, 'netzwerk'],
  [/drucker|printer|print|druck|scan/i, 'drucken'],
  [/outlook|exchange|e-?mail|mailbox|postfach|kalender|calendar/i, 'email'],
  [/teams|onedrive|sharepoint|collaboration/i, 'zusammenarbeit'],
  [/konto|account|passwor|kennwort|login|anmeld|sign-?in|identity|mfa|authenticator|entra|active directory/i, 'konto'],
  [/phishing|security|sicherheit|bitlocker|zertifikat|certificate|malware|virus/i, 'sicherheit'],
  [/hardware|laptop|notebook|desktop|monitor|dock|windows|client|software|pc\b|update|festplatte|disk/i, 'arbeitsplatz'],
];

export function kbCategory(ticketCategory: string, title: string, categories: readonly Category[], mapping?: ImportMapping): string {
  const ids = new Set(categories.map((c) => c.id));
  const mapped = mapping?.categories[ticketCategory];
  if (mapped && ids.has(mapped)) return mapped;
  for (const text of [ticketCategory, title]) {
    const lower = text.toLowerCase();
    const byLabel = categories.find((c) => lower.includes(c.id) || lower.includes(c.label.de.toLowerCase()) || (c.label.en && lower.includes(c.label.en.toLowerCase())));
    if (byLabel) return byLabel.id;
    const hit = KEYWORDS.find(([re, id]) => ids.has(id) && re.test(text));
    if (hit) return hit[1];
  }
  return ids.has('service') ? 'service' : categories[0]!.id;
}

const ERROR_CODE = /\b(?:0x[0-9A-Fa-f]{8}|AADSTS\d{5,6}|NET::ERR_[A-Z_]+)\b/g;

/** How many tickets a draft names in `sources` and in its list of other resolutions. */
const MAX_LISTED = 25;

/** The draft article for a group of tickets about one problem (deterministic: same tickets, same file). */
export function draftArticle(tickets: DraftRecord['tickets'], category: string, locale: Locale): string {
  const [first] = tickets;
  if (!first) throw new Error('a draft needs at least one ticket');
  const h = KCS_HEADINGS[locale];
  const de = locale === 'de';
  let title = first.title.replace(/\s+/g, ' ').trim();
  if (title.length < 5) title = `${title} (${de ? 'Import' : 'import'})`;
  if (title.length > 140) title = `${title.slice(0, 139)}…`;
  const all = tickets.map((t) => `${t.title}\n${t.problem}\n${t.resolution}`).join('\n');
  const errorCodes = [...new Set(all.match(ERROR_CODE) ?? [])].slice(0, 10);
  const dates = tickets.map((t) => t.resolvedAt).filter(Boolean).sort() as string[];
  const date = (dates[0] ?? new Date().toISOString()).slice(0, 10);
  const firstSentence = (first.problem || first.title).replace(/\s+/g, ' ').trim().slice(0, 200);
  const summary = `${de ? `Entwurf aus ${tickets.length} gelösten Eskalation${tickets.length === 1 ? '' : 'en'}` : `Draft from ${tickets.length} resolved escalation${tickets.length === 1 ? '' : 's'}`}: ${firstSentence}`.slice(0, 390);
  const env = [...new Set(tickets.flatMap((t) => t.environment).map((e) => e.trim()).filter(Boolean))].slice(0, 8);
  const frontmatter: Record<string, unknown> = {
    title,
    summary,
    type: 'problem',
    category,
    tags: ['import'],
    ...(env.length ? { environment: { service: env } } : {}),
    errorCodes,
    audience: 'second-level',
    confidence: 'wip',
    owner: first.team || (de ? 'Import' : 'Import'),
    created: date,
    reviewed: date,
    lang: locale,
    // Every ticket stays linked in content/escalations/links.json; the article names the first ones.
    sources: tickets.slice(0, MAX_LISTED).map((t) => ({ system: t.system, id: t.id })),
  };
  // Other tickets with a resolution worded differently, so a recurring problem stays readable.
  const seen = new Set([first.resolution.replace(/\s+/g, ' ').trim()]);
  const others = tickets.slice(1).filter((t) => {
    const r = t.resolution.replace(/\s+/g, ' ').trim();
    return !seen.has(r) && seen.add(r);
  });
  const more = others.length > MAX_LISTED ? others.length - MAX_LISTED : 0;
  const body = [
    `## ${h.issue}`,
    '',
    mdxParagraphs(first.problem || first.title),
    '',
    `## ${h.environment}`,
    '',
    env.length ? env.map((e) => `- ${mdxLiteral(e)}`).join('\n') : mdxLiteral(de ? 'Noch nicht beschrieben.' : 'Not described yet.'),
    '',
    ...(first.cause ? [`## ${h.cause}`, '', mdxParagraphs(first.cause), ''] : []),
    `## ${h.resolution}`,
    '',
    mdxParagraphs(first.resolution),
    ...(others.length
      ? [
          '',
          `### ${de ? 'Weitere Tickets mit diesem Problem' : 'More tickets with this problem'}`,
          '',
          ...others.slice(0, MAX_LISTED).map((t) => `- ${mdxLiteral(`${t.id}: ${t.resolution.replace(/\s+/g, ' ').slice(0, 300)}`)}`),
          ...(more ? [`- ${mdxLiteral(de ? `… und ${more} weitere mit anderer Lösung` : `… and ${more} more with another resolution`)}`] : []),
        ]
      : []),
    ...(tickets.length > 1 ? ['', mdxLiteral(de ? `${tickets.length} Tickets insgesamt.` : `${tickets.length} tickets in total.`)] : []),
    '',
  ].join('\n');
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}`;
}

function readJsonFile<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
function writeAtomic(path: string, content: string) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

const sortedJson = (o: Record<string, unknown>) => `${JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;

function records(file: string, format: Format): AsyncGenerator<RecordOrError> {
  if (format === 'zammad') return readZammad(file);
  if (format === 'json' || (format === 'servicenow' && file.toLowerCase().endsWith('.json'))) return readJson(file);
  return readCsv(file);
}

export async function runImport(o: ImportOptions): Promise<ImportResult> {
  const teamPattern = o.teamPattern ?? DEFAULT_TEAM_PATTERN;
  const escalationsDir = join(o.contentRoot, 'escalations');
  const articlesDir = resolve(o.contentRoot, 'articles');
  const ledgerFile = join(escalationsDir, 'links.json');
  const draftsFile = join(escalationsDir, 'drafts.json');
  const ledger = readJsonFile<Record<string, LedgerEntry>>(ledgerFile, {});
  const drafts = readJsonFile<Record<string, DraftRecord>>(draftsFile, {});
  const out: ReportRecord[] = [];
  const report = (r: Omit<ReportRecord, 'reason'> & { reason?: string }) => out.push({ reason: '', ...r });

  const articles = o.kb.articles.filter((a) => a.data.confidence !== 'archived');
  const index = createSimilarityIndex(articles.map((a) => ({ id: a.id, title: a.data.title, summary: a.data.summary, tags: a.data.tags, errorCodes: a.data.errorCodes, body: a.body })));
  // Exports repeat the same problem in the same words (redaction removes who reported it): search
  // each distinct text once.
  const knownCache = new Map<string, Match[]>();
  const knownIssue = (title: string, body: string): Match[] => {
    const key = `${title}\u0000${body}`;
    let result = knownCache.get(key);
    if (!result) {
      if (knownCache.size > 50_000) knownCache.clear();
      result = index.search({ title, body }, 1, o.knownThreshold ?? 0.3);
      knownCache.set(key, result);
    }
    return result;
  };
  /** A generated draft nobody edited or promoted since: it may take more tickets. */
  const confidence = new Map(o.kb.articles.map((a) => [a.id, a.data.confidence]));
  const openDraft = new Map<string, boolean>();
  const isOpenDraft = (id: string) => {
    let open = openDraft.get(id);
    if (open === undefined) {
      const d = drafts[id];
      open = !!d && existsSync(d.file) && digest(readFileSync(d.file, 'utf8')) === d.digest && confidence.get(id) === 'wip';
      openDraft.set(id, open);
    }
    return open;
  };

  const fresh: { key: string; esc: Escalation; category: string; where: string }[] = [];
  const additions = new Map<string, DraftRecord['tickets']>();
  const newLedger: Record<string, LedgerEntry> = {};
  let count = 0;
  const files = new Set<string>();

  for (const file of o.files) {
    files.add(file);
    let format = o.format;
    if (!format) {
      if (!existsSync(file)) {
        report({ system: '', id: '', outcome: 'rejected', reason: 'file not found', article: null, where: file });
        continue;
      }
      format = detectFormat(file) ?? (o.mapping ? (file.endsWith('.json') ? 'json' : 'csv') : undefined);
      if (!format) {
        report({ system: '', id: '', outcome: 'rejected', reason: 'unknown format: not ServiceNow, Jira, Zammad or GLPI; use --from and --map for other exports', article: null, where: file });
        continue;
      }
      o.onFormat?.(file, format, true);
    } else o.onFormat?.(file, format, false);

    const isCsv = ['servicenow', 'jira', 'glpi', 'csv'].includes(format) && !file.toLowerCase().endsWith('.json') && existsSync(file) && !statSync(file).isDirectory() && statSync(file).size > 0;
    if (isCsv) {
      const missing = missingColumns(format, csvHeader(file).header, o.mapping);
      if (missing.length) {
        report({ system: format, id: '', outcome: 'rejected', reason: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, article: null, where: `${file}:1` });
        continue;
      }
    }

    for await (const item of records(file, format)) {
      o.onRecord?.(++count);
      if ('error' in item) {
        report({ system: format, id: '', outcome: 'rejected', reason: item.error, article: null, where: item.where });
        continue;
      }
      const mapped = mapRecord(format, item.raw as Record<string, unknown>, { teamPattern, mapping: o.mapping });
      if (mapped.kind !== 'record') {
        report({ system: format, id: mapped.id, outcome: mapped.kind === 'skip' ? 'skipped' : 'rejected', reason: mapped.reason, article: null, where: item.where });
        continue;
      }
      const parsed = escalationSchema.safeParse(mapped.escalation);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        report({ system: mapped.escalation.system, id: String(mapped.escalation.id ?? ''), outcome: 'rejected', reason: `${issue.path.join('.') || 'record'}: ${issue.message}`, article: null, where: item.where });
        continue;
      }
      const raw = parsed.data;
      const names = mapped.persons.filter(Boolean);
      const red = (s: string) => redact(s, { names });
      const marker = parseTreeMarker(`${raw.problem}\n${raw.resolution}`);
      const esc: Escalation = {
        ...raw,
        title: red(raw.title),
        problem: red(raw.problem),
        cause: red(raw.cause),
        resolution: red(raw.resolution),
        environment: raw.environment.map(red),
        category: red(raw.category),
        team: red(raw.team),
        ...(marker ? { treeMarker: `${marker.tree}@${marker.version}#${marker.node}` } : {}),
      };
      const key = `${esc.system}:${esc.id}`;
      const known = ledger[key] ?? newLedger[key];
      if (known) {
        report({ system: esc.system, id: esc.id, outcome: known.outcome === 'drafted' ? 'merged' : 'linked', reason: 'already imported', article: known.article, where: item.where });
        continue;
      }
      const category = kbCategory(raw.category, raw.title, o.kb.categories, o.mapping);
      const month = (esc.resolvedAt ?? o.today).toISOString().slice(0, 7);
      const [match] = knownIssue(esc.title, `${esc.problem}\n${esc.resolution}`);
      if (match) {
        const ticket = { ...esc, resolvedAt: esc.resolvedAt?.toISOString() };
        if (isOpenDraft(match.id)) {
          additions.set(match.id, [...(additions.get(match.id) ?? []), ticket]);
          newLedger[key] = { article: match.id, outcome: 'drafted', category, month, known: false, ...(esc.treeMarker ? { tree: esc.treeMarker } : {}) };
          report({ system: esc.system, id: esc.id, outcome: 'merged', reason: `same problem as the draft (similarity ${match.score.toFixed(2)})`, article: match.id, where: item.where });
        } else {
          newLedger[key] = { article: match.id, outcome: 'linked', category, month, known: true, score: Math.round(match.score * 100) / 100, ...(esc.treeMarker ? { tree: esc.treeMarker } : {}) };
          report({ system: esc.system, id: esc.id, outcome: 'linked', reason: `known issue (similarity ${match.score.toFixed(2)})`, article: match.id, where: item.where });
        }
        continue;
      }
      fresh.push({ key, esc, category, where: item.where });
    }
  }

  // New problems: tickets about the same problem become one draft. Tickets with the same text join
  // at once; similarity runs over the distinct texts only.
  const textOf = (f: (typeof fresh)[number]) => `${f.esc.title}\u0000${f.esc.problem}\n${f.esc.resolution}`;
  const distinct = new Map<string, (typeof fresh)[number]>();
  for (const f of fresh) {
    const text = textOf(f);
    if (!distinct.has(text)) distinct.set(text, f);
  }
  const freshIndex = createSimilarityIndex([...distinct.values()].map((f) => ({ id: f.key, title: f.esc.title, summary: '', tags: [], errorCodes: [], body: `${f.esc.problem}\n${f.esc.resolution}` })));
  const clusterOf = new Map<string, number>();
  const clusterOfText = new Map<string, number>();
  const clusters: (typeof fresh)[] = [];
  for (const f of fresh) {
    const text = textOf(f);
    let c = clusterOfText.get(text);
    if (c === undefined) {
      const near = freshIndex.related(f.key, 5, o.sameProblemThreshold ?? 0.5).find((m) => clusterOf.has(m.id));
      c = near ? clusterOf.get(near.id)! : clusters.push([]) - 1;
      clusterOfText.set(text, c);
    }
    clusterOf.set(f.key, c);
    clusters[c]!.push(f);
  }
  const taken = new Set([...o.kb.articles.map((a) => a.id), ...Object.keys(drafts)]);
  const written: string[] = [];
  const nextDrafts: Record<string, DraftRecord> = { ...drafts };
  for (const cluster of clusters) {
    const base = slugify(cluster[0]!.esc.title) || 'eskalation';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    const file = join(articlesDir, o.locale, `${id}.mdx`);
    if (!resolve(file).startsWith(articlesDir + sep)) throw new Error(`refusing to write outside ${articlesDir}: ${file}`);
    nextDrafts[id] = { file: '', digest: '', tickets: cluster.map((c) => ({ ...c.esc, resolvedAt: c.esc.resolvedAt?.toISOString() })) };
    cluster.forEach((c, i) => {
      newLedger[c.key] = { article: id, outcome: 'drafted', category: c.category, month: (c.esc.resolvedAt ?? o.today).toISOString().slice(0, 7), known: false, ...(c.esc.treeMarker ? { tree: c.esc.treeMarker } : {}) };
      report({ system: c.esc.system, id: c.esc.id, outcome: i === 0 ? 'drafted' : 'merged', reason: i === 0 ? 'new problem' : `same problem as ${cluster[0]!.esc.id}`, article: id, where: c.where });
    });
    nextDrafts[id]!.file = file;
    (nextDrafts[id] as DraftRecord & { category?: string }).category = cluster[0]!.category;
  }
  for (const [id, tickets] of additions) nextDrafts[id] = { ...nextDrafts[id]!, tickets: [...nextDrafts[id]!.tickets, ...tickets] };

  const changed = new Set([...clusters.map((c) => newLedger[c[0]!.key]!.article), ...additions.keys()]);
  for (const id of changed) {
    const d = nextDrafts[id] as DraftRecord & { category?: string };
    const category = d.category ?? o.kb.articles.find((a) => a.id === id)?.data.category ?? kbCategory('', d.tickets[0]!.title, o.kb.categories);
    const content = draftArticle(d.tickets, category, o.locale);
    d.digest = digest(content);
    d.category = category;
    if (!o.dryRun && (!existsSync(d.file) || readFileSync(d.file, 'utf8') !== content)) {
      writeAtomic(d.file, content);
      written.push(d.file);
    }
  }

  const finalLedger = { ...ledger, ...newLedger };
  if (!o.dryRun && Object.keys(newLedger).length) {
    for (const [path, content] of [
      [ledgerFile, sortedJson(finalLedger)],
      [draftsFile, sortedJson(nextDrafts as unknown as Record<string, unknown>)],
      [join(escalationsDir, 'insights.json'), `${JSON.stringify(insightsFrom(finalLedger, o.today), null, 2)}\n`],
    ] as const) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
        writeAtomic(path, content);
        written.push(path);
      }
    }
  }

  const summary = { total: out.length, files: files.size, written, drafted: 0, merged: 0, linked: 0, skipped: 0, rejected: 0 };
  for (const r of out) summary[r.outcome]++;
  return { records: out, summary };
}

/** Aggregates for the escalations and training-needs pages: per category and month, new vs known, per tree node. */
export function insightsFrom(ledger: Record<string, LedgerEntry>, today: Date) {
  const byMonth = new Map<string, { category: string; month: string; total: number; known: number; new: number }>();
  const byNode = new Map<string, { tree: string; version: string; node: string; count: number }>();
  for (const e of Object.values(ledger)) {
    const k = `${e.category}|${e.month}`;
    const row = byMonth.get(k) ?? { category: e.category, month: e.month, total: 0, known: 0, new: 0 };
    row.total++;
    if (e.known) row.known++;
    else row.new++;
    byMonth.set(k, row);
    if (e.tree) {
      const m = parseTreeMarker(`kb-tree:${e.tree}`);
      if (m) {
        const n = byNode.get(e.tree) ?? { tree: m.tree, version: m.version, node: m.node, count: 0 };
        n.count++;
        byNode.set(e.tree, n);
      }
    }
  }
  // The date of the newest escalation, not of the run, so re-running changes nothing.
  const months = [...byMonth.values()].map((r) => r.month).sort();
  return {
    generated: months.length ? `${months.at(-1)}-01` : today.toISOString().slice(0, 10),
    byCategoryMonth: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category)),
    byTreeNode: [...byNode.values()].sort((a, b) => b.count - a.count || a.tree.localeCompare(b.tree)),
  };
}

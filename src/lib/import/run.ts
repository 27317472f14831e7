/**
 * The escalation import: every record of every input is accounted for (drafted, merged, linked,
 * skipped or rejected), known issues are linked instead of duplicated, new problems become draft
 * articles, and aggregates go to insights. Deterministic and idempotent: the same import twice
 * changes no file; a draft a person edited or promoted is never overwritten.
 *
 * The steps (pipeline.ts): read → map → validate → redact → match → draft → write. Names are
 * collected from the person fields of the whole export, and every text is redacted again with all
 * of them before anything is written (drafts, state files, report, console).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  draftsSchema,
  importSettingsSchema,
  keywordStateSchema,
  ledgerSchema,
  type DraftRecord,
  type DraftTicket,
  type Escalation,
  type ImportMapping,
  type ImportSettings,
  type LedgerEntry,
} from '../../schemas/escalation.ts';
import type { Locale } from '../../schemas/common.ts';
import { insightsSchema } from '../../schemas/insights.ts';
import { readYamlFile } from '../content-files.ts';
import type { DiskKb } from '../kb-files.ts';
import { createSimilarityIndex, type Match } from '../similarity.ts';
import { parseTreeMarker } from '../trees.ts';
import { DEFAULT_TEAM_PATTERN } from './adapters/index.ts';
import { exportRecords } from './source.ts';
import { draftArticle, draftProblem } from './draft.ts';
import { draftSlug } from './names.ts';
import { detectLanguage } from './text.ts';
import { LOCALES } from '../../schemas/vocabulary.ts';
import { kbCategory, mapStep, redactStep, ticketKey, validateStep } from './pipeline.ts';
import { articleText, countTicket, openProposals, type ArticleText, type Proposal } from './keywords.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { ImportStateError, readState, sortedJson, writeAtomic } from './state.ts';

export { ImportStateError } from './state.ts';
export { kbCategory } from './pipeline.ts';
export type { LedgerEntry, DraftRecord } from '../../schemas/escalation.ts';

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
  /** `--from`: an adapter id (servicenow, jira, zammad, glpi, csv, json). */
  format?: string | undefined;
  mapping?: ImportMapping | undefined;
  contentRoot: string;
  kb: DiskKb;
  dryRun: boolean;
  today: Date;
  locale: Locale;
  /** Defaults to content/escalations/import.yaml (or none). */
  settings?: ImportSettings;
  teamPattern?: RegExp;
  /** Similarity above which a ticket is a known issue of an existing article. */
  knownThreshold?: number;
  /** Similarity above which two new tickets are the same problem. */
  sameProblemThreshold?: number;
  onRecord?: (count: number) => void;
  onFormat?: (file: string, format: string, detected: boolean, note: string) => void;
}

export interface ReasonCount {
  outcome: Outcome;
  reason: string;
  count: number;
}

export interface ImportResult {
  records: ReportRecord[];
  summary: Record<Outcome, number> & {
    total: number;
    files: number;
    /** Files written, relative to the content folder. */
    written: string[];
    /** Skip and reject reasons with counts, most frequent first. */
    reasons: ReasonCount[];
  };
  /**
   * Open search-term proposals (content/escalations/keywords.json) from the short descriptions of
   * linked tickets, for second level to accept with `kb keywords accept`.
   */
  proposals: Proposal[];
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The importer settings of a KB: content/escalations/import.yaml, validated; none when absent. */
export function readImportSettings(contentRoot: string): ImportSettings {
  const file = join(contentRoot, 'escalations', 'import.yaml');
  if (!existsSync(file)) return importSettingsSchema.parse({});
  const parsed = readYamlFile(file, importSettingsSchema);
  if (!parsed.ok) throw new ImportStateError(`${file}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return parsed.data;
}

/** Skip and reject reasons with counts; quoted values stay (they say which state or team). */
export function reasonCounts(records: readonly ReportRecord[]): ReasonCount[] {
  const counts = new Map<string, ReasonCount>();
  for (const r of records) {
    if (r.outcome !== 'skipped' && r.outcome !== 'rejected') continue;
    const key = `${r.outcome}\u0000${r.reason}`;
    const c = counts.get(key) ?? { outcome: r.outcome, reason: r.reason, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

interface Fresh {
  key: string;
  esc: Escalation;
  /** How many names the redactor knew when this record was redacted. */
  names: number;
  category: string;
  where: string;
}

export async function runImport(o: ImportOptions): Promise<ImportResult> {
  const teamPattern = o.teamPattern ?? DEFAULT_TEAM_PATTERN;
  const settings = o.settings ?? readImportSettings(o.contentRoot);
  const escalationsDir = join(o.contentRoot, 'escalations');
  const articlesDir = resolve(o.contentRoot, 'articles');
  const ledgerFile = join(escalationsDir, 'links.json');
  const draftsFile = join(escalationsDir, 'drafts.json');
  const keywordsFile = join(escalationsDir, 'keywords.json');
  const rel = (p: string) => relative(o.contentRoot, p).split(sep).join('/');
  const ledger = readState(ledgerFile, ledgerFile, ledgerSchema, {});
  const drafts = readState(draftsFile, draftsFile, draftsSchema, {});
  const keywords = readState(keywordsFile, keywordsFile, keywordStateSchema, {});
  /** Tickets linked to an existing article in this run: their short descriptions may propose keywords. */
  const linkedTickets: { article: string; esc: Escalation }[] = [];
  /** A draft's file from drafts.json, only inside content/articles (never a path chosen elsewhere). */
  const draftPath = (file: string) => {
    const p = resolve(o.contentRoot, file);
    return p.startsWith(articlesDir + sep) && p.endsWith('.mdx') && !isAbsolute(file) ? p : undefined;
  };
  const out: ReportRecord[] = [];
  const report = (r: Omit<ReportRecord, 'reason'> & { reason?: string }) => out.push({ reason: '', ...r });
  const redactor: Redactor = createRedactor();

  const articles = o.kb.articles.filter((a) => a.data.confidence !== 'archived');
  const index = createSimilarityIndex(
    articles.map((a) => ({
      id: a.id,
      title: a.data.title,
      summary: a.data.summary,
      tags: a.data.tags,
      errorCodes: a.data.errorCodes,
      body: a.body,
    })),
  );
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
      const p = d && draftPath(d.file);
      open = !!p && existsSync(p) && digest(readFileSync(p, 'utf8')) === d.digest && confidence.get(id) === 'wip';
      openDraft.set(id, open);
    }
    return open;
  };

  const fresh: Fresh[] = [];
  const additions = new Map<string, { key: string; esc: Escalation; where: string; reason: string }[]>();
  const newLedger: Record<string, LedgerEntry> = {};
  const seenInRun = new Set<string>();
  const duplicates: { key: string; system: string; id: string; where: string }[] = [];
  let count = 0;
  const files = new Set<string>();

  for (const file of o.files) {
    files.add(file);
    for await (const x of exportRecords(file, o)) {
      if (x.kind === 'rejected') {
        report({ system: x.system, id: '', outcome: 'rejected', reason: x.reason, article: null, where: x.where });
        continue;
      }
      const { adapter, item } = x;
      o.onRecord?.(++count);
      if ('error' in item) {
        report({ system: adapter.id, id: '', outcome: 'rejected', reason: item.error, article: null, where: item.where });
        continue;
      }
      // map
      const mapped = mapStep(adapter, item.raw as Record<string, unknown>, { teamPattern, mapping: o.mapping });
      if (mapped.kind !== 'record') {
        report({
          system: adapter.id,
          id: mapped.id,
          outcome: mapped.kind === 'skip' ? 'skipped' : 'rejected',
          reason: mapped.reason,
          article: null,
          where: item.where,
        });
        continue;
      }
      redactor.addPersons(mapped.persons);
      // validate
      const valid = validateStep(mapped.escalation);
      if (!valid.ok) {
        report({
          system: String(mapped.escalation.system),
          id: valid.id,
          outcome: 'rejected',
          reason: valid.reason,
          article: null,
          where: item.where,
        });
        continue;
      }
      // redact
      const esc = redactStep(valid.escalation, redactor);
      const key = ticketKey(esc);
      if (seenInRun.has(key)) {
        // The same ticket twice in one export (paged Table API exports overlap): one record.
        duplicates.push({ key, system: esc.system, id: esc.id, where: item.where });
        continue;
      }
      seenInRun.add(key);
      // match
      const known = ledger[key];
      if (known) {
        report({
          system: esc.system,
          id: esc.id,
          outcome: known.outcome === 'drafted' ? 'merged' : 'linked',
          reason: 'already imported',
          article: known.article,
          where: item.where,
        });
        continue;
      }
      const category = kbCategory(valid.escalation.category, valid.escalation.title, o.kb.categories, settings, o.mapping);
      const month = (esc.resolvedAt ?? o.today).toISOString().slice(0, 7);
      const [match] = knownIssue(esc.title, `${esc.problem}\n${esc.resolution}`);
      if (match) {
        if (isOpenDraft(match.id)) {
          additions.set(match.id, [
            ...(additions.get(match.id) ?? []),
            { key, esc, where: item.where, reason: `same problem as the draft (similarity ${match.score.toFixed(2)})` },
          ]);
          newLedger[key] = {
            article: match.id,
            outcome: 'drafted',
            category,
            month,
            known: false,
            ...(esc.treeMarker ? { tree: esc.treeMarker } : {}),
          };
        } else {
          newLedger[key] = {
            article: match.id,
            outcome: 'linked',
            category,
            month,
            resolved: (esc.resolvedAt ?? o.today).toISOString().slice(0, 10),
            known: true,
            score: Math.round(match.score * 100) / 100,
            ...(esc.treeMarker ? { tree: esc.treeMarker } : {}),
          };
          linkedTickets.push({ article: match.id, esc });
          report({
            system: esc.system,
            id: esc.id,
            outcome: 'linked',
            reason: `known issue (similarity ${match.score.toFixed(2)})`,
            article: match.id,
            where: item.where,
          });
        }
        continue;
      }
      fresh.push({ key, esc, category, where: item.where, names: redactor.names.size });
    }
  }

  // Every name of the export is known now: redact what will be written once more with all of them.
  // (Only records redacted before the last name was learnt need it.)
  const again = (e: Escalation): Escalation => redactStep(e, redactor);
  for (const f of fresh) if (f.names < redactor.names.size) f.esc = again(f.esc);
  for (const list of additions.values()) for (const a of list) a.esc = again(a.esc);
  // Keyword proposals: the short description of each linked ticket, redacted with every name.
  const byArticle = new Map(o.kb.articles.map((a) => [a.id, a]));
  const texts = new Map<string, ArticleText>();
  for (const { article, esc } of linkedTickets) {
    const a = byArticle.get(article);
    if (!a) continue;
    let text = texts.get(article);
    if (!text) texts.set(article, (text = articleText(a)));
    countTicket(keywords, text, again(esc).title);
  }

  // draft: tickets about the same problem become one draft. Tickets with the same text join at
  // once; similarity runs over the distinct texts only.
  const textOf = (f: Fresh) => `${f.esc.title}\u0000${f.esc.problem}\n${f.esc.resolution}`;
  const distinct = new Map<string, Fresh>();
  for (const f of fresh) {
    const text = textOf(f);
    if (!distinct.has(text)) distinct.set(text, f);
  }
  const freshIndex = createSimilarityIndex(
    [...distinct.values()].map((f) => ({
      id: f.key,
      title: f.esc.title,
      summary: '',
      tags: [],
      errorCodes: [],
      body: `${f.esc.problem}\n${f.esc.resolution}`,
    })),
  );
  const clusterOf = new Map<string, number>();
  const clusterOfText = new Map<string, number>();
  const clusters: Fresh[][] = [];
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
  const toTicket = (e: Escalation): DraftTicket => ({ ...e, resolvedAt: e.resolvedAt?.toISOString() });
  const taken = new Set([...o.kb.articles.map((a) => a.id), ...Object.keys(drafts)]);
  const nextDrafts: Record<string, DraftRecord> = { ...drafts };
  const pending = new Map<
    string,
    { records: { key: string; esc: Escalation; where: string; category: string; reason?: string }[]; isNew: boolean }
  >();
  for (const cluster of clusters) {
    const head = cluster[0]!;
    // A draft is written in its ticket's language when that is clearly one of the KB's locales.
    const detected = detectLanguage(`${head.esc.title}\n${head.esc.problem}\n${head.esc.resolution}`);
    const lang: Locale = detected && (LOCALES as readonly string[]).includes(detected) ? detected : o.locale;
    const base = draftSlug(head.esc.title, head.esc.id, lang === 'de' ? 'eskalation' : 'escalation');
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    const file = join(articlesDir, lang, `${id}.mdx`);
    if (!resolve(file).startsWith(articlesDir + sep)) throw new Error(`refusing to write outside ${articlesDir}: ${id}.mdx`);
    nextDrafts[id] = { file: rel(file), digest: '0'.repeat(16), category: head.category, tickets: cluster.map((c) => toTicket(c.esc)) };
    pending.set(id, { records: cluster, isNew: true });
  }
  for (const [id, list] of additions) {
    nextDrafts[id] = { ...nextDrafts[id]!, tickets: [...nextDrafts[id]!.tickets, ...list.map((a) => toTicket(a.esc))] };
    pending.set(id, { records: list.map((a) => ({ ...a, category: newLedger[a.key]!.category })), isNew: false });
  }

  const written: string[] = [];
  for (const [id, p] of pending) {
    const d = nextDrafts[id]!;
    const category =
      d.category ?? o.kb.articles.find((a) => a.id === id)?.data.category ?? kbCategory('', d.tickets[0]!.title, o.kb.categories, settings);
    const fileLang = d.file.split('/')[1];
    const locale: Locale = (LOCALES as readonly string[]).includes(fileLang ?? '') ? (fileLang as Locale) : o.locale;
    const content = draftArticle(d.tickets, category, locale, settings);
    const problem = draftProblem(content, settings.linkHosts);
    if (problem) {
      // A record that cannot be drafted is reported, not written; the next import tries again.
      for (const r of p.records) {
        delete newLedger[r.key];
        report({
          system: r.esc.system,
          id: r.esc.id,
          outcome: 'rejected',
          reason: `cannot be drafted: ${problem}`,
          article: null,
          where: r.where,
        });
      }
      if (p.isNew) delete nextDrafts[id];
      else nextDrafts[id] = drafts[id]!;
      continue;
    }
    p.records.forEach((r, i) => {
      if (p.isNew) {
        newLedger[r.key] = {
          article: id,
          outcome: 'drafted',
          category: r.category,
          month: (r.esc.resolvedAt ?? o.today).toISOString().slice(0, 7),
          resolved: (r.esc.resolvedAt ?? o.today).toISOString().slice(0, 10),
          known: false,
          ...(r.esc.treeMarker ? { tree: r.esc.treeMarker } : {}),
        };
        report({
          system: r.esc.system,
          id: r.esc.id,
          outcome: i === 0 ? 'drafted' : 'merged',
          reason: i === 0 ? 'new problem' : `same problem as ${p.records[0]!.esc.id}`,
          article: id,
          where: r.where,
        });
      } else
        report({
          system: r.esc.system,
          id: r.esc.id,
          outcome: 'merged',
          reason: r.reason ?? 'same problem as the draft',
          article: id,
          where: r.where,
        });
    });
    d.digest = digest(content);
    d.category = category;
    const path = draftPath(d.file)!;
    if (!o.dryRun && (!existsSync(path) || readFileSync(path, 'utf8') !== content)) {
      writeAtomic(path, content);
      written.push(rel(path));
    }
  }
  for (const dup of duplicates) {
    const entry = newLedger[dup.key] ?? ledger[dup.key];
    report({
      system: dup.system,
      id: dup.id,
      outcome: 'merged',
      reason: 'the same ticket appears again in the export (merged)',
      article: entry?.article ?? null,
      where: dup.where,
    });
  }

  const finalLedger = { ...ledger, ...newLedger };
  if (!o.dryRun && Object.keys(newLedger).length) {
    for (const [path, content] of [
      [ledgerFile, sortedJson(finalLedger)],
      [draftsFile, sortedJson(nextDrafts as unknown as Record<string, unknown>)],
      ...(Object.keys(keywords).length ? ([[keywordsFile, sortedJson(keywordStateSchema.parse(keywords))]] as const) : []),
      // Derived from links.json on every run (a corrupt insights.json is simply rewritten); checked with its schema.
      [join(escalationsDir, 'insights.json'), `${JSON.stringify(insightsSchema.parse(insightsFrom(finalLedger, o.today)), null, 2)}\n`],
    ] as const) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
        writeAtomic(path, content);
        written.push(rel(path));
      }
    }
  }

  // Reasons quote values from the export (states, team names): redacted like everything else.
  for (const r of out) r.reason = redactor.redact(r.reason);
  const summary = {
    total: out.length,
    files: files.size,
    written,
    reasons: reasonCounts(out),
    drafted: 0,
    merged: 0,
    linked: 0,
    skipped: 0,
    rejected: 0,
  };
  for (const r of out) summary[r.outcome]++;
  const proposals = openProposals(keywords, (id) => {
    const a = byArticle.get(id);
    return a && articleText(a);
  });
  return { records: out, summary, proposals };
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
  // The newest record's own date: what "Datenstand" on the escalations page means.
  const latest = Object.values(ledger).reduce<string | undefined>(
    (max, e) => (e.resolved && (!max || e.resolved > max) ? e.resolved : max),
    undefined,
  );
  return {
    generated: months.length ? `${months.at(-1)}-01` : today.toISOString().slice(0, 10),
    ...(latest ? { latest } : {}),
    byCategoryMonth: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category)),
    byTreeNode: [...byNode.values()].sort((a, b) => b.count - a.count || a.tree.localeCompare(b.tree)),
  };
}

/**
 * `kb report`: turns `kb_events` access logs into `content/insights/usage.json` (aggregates only).
 * Logs are streamed line by line (plain or gzip, any number, rotated ones included), so memory
 * grows with the number of distinct queries, articles and tree nodes – not with the log size.
 * Every line is accounted for: counted, ignored (not an event) or rejected (file:line and a reason,
 * never the line's content). Search queries are redacted (src/lib/import/redact.ts) before they are
 * kept, and a query seen fewer than `minQueryCount` times is written only as a count.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { normaliseQuery, parseEventLine } from './events.ts';
import { usageReportSchema, type QueryRow, type UsageEvent, type UsageReport } from '../../schemas/usage.ts';
import type { NotHelpfulReason, TreeOutcome } from './vocabulary.ts';

export interface ReportArticle {
  id: string;
  /** Last review date (`reviewed` in the frontmatter): "not helpful" votes since then are counted apart. */
  reviewed: Date;
}

export interface ReportOptions {
  minQueryCount: number;
  /** The KB's articles, for "never found" and votes since the last review. */
  articles?: readonly ReportArticle[];
  /** Rows per query list in the report. */
  topN?: number;
  now?: Date;
}

export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/** Kept in full up to this many; beyond, only counted. */
const MAX_REJECTIONS_KEPT = 1000;
const DAY = 86_400_000;

interface QueryStats {
  count: number;
  noResults: number;
  noClick: number;
  byMonth: Record<string, number>;
}

interface TreeStats {
  sessions: number;
  solved: number;
  escalated: number;
  abandoned: number;
  nodes: Map<string, { reached: number; left: number; solved: number; escalated: number }>;
  paths: Map<string, number>;
}

/** Adds events one by one; `result()` gives the report. */
export class UsageAggregator {
  readonly lines = { counted: 0, ignored: 0, rejected: 0 };
  readonly rejections: Rejection[] = [];
  private from = '';
  private fromMs = 0;
  private to = '';
  private toMs = 0;
  private readonly searches = { total: 0, noResults: 0, noClick: 0, fallback: 0, corrected: 0 };
  private readonly searchMonths = new Map<string, { total: number; noResults: number; noClick: number }>();
  private readonly queries = new Map<string, QueryStats>();
  /** Raw query → normalised: redaction is the expensive part, and the same queries recur. */
  private readonly normalised = new Map<string, string>();
  private readonly articles = new Map<
    string,
    {
      helpful: number;
      notHelpful: number;
      reasons: Partial<Record<NotHelpfulReason, number>>;
      since: number;
      fromSearch: number;
      lastClick: number;
    }
  >();
  private readonly trees = new Map<string, TreeStats>();
  private readonly quizzes = new Map<string, { submissions: number; right: number[]; wrong: number[] }>();
  private readonly reviewed: Map<string, number>;
  private readonly options: ReportOptions;

  constructor(options: ReportOptions) {
    this.options = options;
    this.reviewed = new Map((options.articles ?? []).map((a) => [a.id, a.reviewed.getTime()]));
  }

  /** One log line; `file` and `line` name it in a rejection. */
  addLine(text: string, file: string, line: number): void {
    const parsed = parseEventLine(text);
    if (parsed.kind === 'ignored') this.lines.ignored++;
    else if (parsed.kind === 'rejected') this.reject(file, line, parsed.reason);
    else {
      const reason = this.add(parsed.event, parsed.time);
      if (reason) this.reject(file, line, reason);
      else this.lines.counted++;
    }
  }

  private reject(file: string, line: number, reason: string) {
    this.lines.rejected++;
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push({ file, line, reason });
  }

  /** Adds a valid event; returns a rejection reason for one that has nothing left to count. */
  add(event: UsageEvent, time: string): string | undefined {
    const ms = Date.parse(time);
    const month = monthOf(time);
    if (event.t === 's') {
      let q = this.normalised.get(event.q);
      if (q === undefined) {
        q = normaliseQuery(event.q);
        if (this.normalised.size < 200_000) this.normalised.set(event.q, q);
      }
      if (!q) return 'search query empty after normalisation';
      this.period(time, ms);
      const noResults = event.n === 0;
      const noClick = !noResults && event.k === undefined;
      const s = this.searches;
      s.total++;
      if (noResults) s.noResults++;
      if (noClick) s.noClick++;
      if (event.fb) s.fallback++;
      if (event.c) s.corrected++;
      const m = this.searchMonths.get(month) ?? { total: 0, noResults: 0, noClick: 0 };
      m.total++;
      if (noResults) m.noResults++;
      if (noClick) m.noClick++;
      this.searchMonths.set(month, m);
      const stats = this.queries.get(q) ?? { count: 0, noResults: 0, noClick: 0, byMonth: {} };
      stats.count++;
      if (noResults) stats.noResults++;
      if (noClick) stats.noClick++;
      stats.byMonth[month] = (stats.byMonth[month] ?? 0) + 1;
      this.queries.set(q, stats);
      if (event.id && event.k !== undefined) {
        const a = this.article(event.id);
        a.fromSearch++;
        a.lastClick = Math.max(a.lastClick, ms);
      }
      return undefined;
    }
    this.period(time, ms);
    if (event.t === 'f') {
      const a = this.article(event.a);
      if (event.v === 'y') a.helpful++;
      else {
        a.notHelpful++;
        if (event.r) a.reasons[event.r] = (a.reasons[event.r] ?? 0) + 1;
        const reviewed = this.reviewed.get(event.a);
        if (reviewed === undefined || ms >= reviewed) a.since++;
      }
    } else if (event.t === 'n') {
      const t = this.tree(event.tr);
      const node = t.nodes.get(event.nd) ?? { reached: 0, left: 0, solved: 0, escalated: 0 };
      t.nodes.set(event.nd, node);
      if (event.e === 's') node.reached++;
      else if (event.e === 'o') {
        t.sessions++;
        const o: TreeOutcome = event.o;
        t[o]++;
        if (o === 'abandoned') node.left++;
        else node[o]++;
        const key = `${o}\u0000${event.nd}\u0000${event.pa ?? ''}`;
        t.paths.set(key, (t.paths.get(key) ?? 0) + 1);
      }
    } else {
      const q = this.quizzes.get(event.qz) ?? { submissions: 0, right: [], wrong: [] };
      q.submissions++;
      [...event.r].forEach((c, i) => {
        if (c === '1') q.right[i] = (q.right[i] ?? 0) + 1;
        else q.wrong[i] = (q.wrong[i] ?? 0) + 1;
      });
      this.quizzes.set(event.qz, q);
    }
    return undefined;
  }

  private period(time: string, ms: number) {
    if (!this.from || ms < this.fromMs) {
      this.from = time;
      this.fromMs = ms;
    }
    if (!this.to || ms > this.toMs) {
      this.to = time;
      this.toMs = ms;
    }
  }

  private article(id: string) {
    let a = this.articles.get(id);
    if (!a) this.articles.set(id, (a = { helpful: 0, notHelpful: 0, reasons: {}, since: 0, fromSearch: 0, lastClick: 0 }));
    return a;
  }

  private tree(key: string): TreeStats {
    let t = this.trees.get(key);
    if (!t) this.trees.set(key, (t = { sessions: 0, solved: 0, escalated: 0, abandoned: 0, nodes: new Map(), paths: new Map() }));
    return t;
  }

  result(): UsageReport {
    const min = this.options.minQueryCount;
    const topN = this.options.topN ?? 50;
    const rows: QueryRow[] = [];
    const rare = { queries: 0, searches: 0 };
    for (const [query, s] of this.queries) {
      if (s.count < min) {
        rare.queries++;
        rare.searches += s.count;
      } else rows.push({ query, count: s.count, noResults: s.noResults, noClick: s.noClick, byMonth: sortedRecord(s.byMonth) });
    }
    const by = (key: 'count' | 'noResults' | 'noClick') =>
      rows
        .filter((r) => r[key] > 0)
        .sort((a, b) => b[key] - a[key] || a.query.localeCompare(b.query))
        .slice(0, topN);
    const cutoff = this.toMs - 90 * DAY;
    const report: UsageReport = {
      generated: (this.options.now ?? new Date()).toISOString(),
      period: this.from ? { from: this.from, to: this.to } : null,
      minQueryCount: min,
      lines: { ...this.lines },
      searches: {
        ...this.searches,
        byMonth: sortedRecord(Object.fromEntries(this.searchMonths)),
        top: by('count'),
        noResultQueries: by('noResults'),
        noClickQueries: by('noClick'),
        rare,
      },
      articles: [...this.articles]
        .map(([id, a]) => ({
          id,
          helpful: a.helpful,
          notHelpful: a.notHelpful,
          reasons: a.reasons,
          notHelpfulSinceReview: a.since,
          fromSearch: a.fromSearch,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      neverFound: (this.options.articles ?? [])
        .map((a) => a.id)
        .filter((id) => (this.articles.get(id)?.lastClick ?? 0) < cutoff)
        .sort(),
      trees: [...this.trees]
        .map(([key, t]) => {
          const at = key.lastIndexOf('@');
          return {
            tree: key.slice(0, at),
            version: key.slice(at + 1),
            sessions: t.sessions,
            solved: t.solved,
            escalated: t.escalated,
            abandoned: t.abandoned,
            nodes: [...t.nodes].map(([node, s]) => ({ node, ...s })).sort((a, b) => b.reached - a.reached || a.node.localeCompare(b.node)),
            paths: [...t.paths]
              .map(([k, count]) => {
                const [outcome, node, path] = k.split('\u0000') as [TreeOutcome, string, string];
                return { path, outcome, node, count };
              })
              .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path))
              .slice(0, 10),
          };
        })
        .sort((a, b) => a.tree.localeCompare(b.tree) || a.version.localeCompare(b.version, undefined, { numeric: true })),
      quizzes: [...this.quizzes]
        .map(([quiz, q]) => ({
          quiz,
          submissions: q.submissions,
          questions: Array.from({ length: Math.max(q.right.length, q.wrong.length) }, (_, i) => ({
            index: i + 1,
            right: q.right[i] ?? 0,
            wrong: q.wrong[i] ?? 0,
          })),
        }))
        .sort((a, b) => a.quiz.localeCompare(b.quiz)),
    };
    // The schema is the contract with the insight pages: a report that does not fit is a bug here.
    return usageReportSchema.parse(report);
  }
}

const monthOf = (iso: string) => iso.slice(0, 7);

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
}

export interface ReadProgress {
  file: string;
  lines: number;
  /** Bytes of the file(s) read so far (compressed bytes for .gz), and in all. */
  bytes: number;
  totalBytes: number;
}

/** Streams the logs into the aggregator, line by line (`.gz` through gunzip). */
export async function readLogs(files: readonly string[], agg: UsageAggregator, onProgress?: (p: ReadProgress) => void): Promise<void> {
  const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
  let done = 0;
  for (const file of files) {
    const raw = createReadStream(file);
    let bytes = 0;
    raw.on('data', (chunk) => (bytes += chunk.length));
    const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    // A broken gzip file must fail with its name, not hang.
    const failed = new Promise<never>((_, reject) => {
      const fail = (e: Error) => reject(new Error(`${file}: ${e.message}`));
      raw.once('error', fail);
      if (input !== raw) input.once('error', fail);
    });
    failed.catch(() => undefined);
    const rl = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    const lines = (async () => {
      for await (const line of rl) {
        n++;
        agg.addLine(line, file, n);
        if (onProgress && n % 20_000 === 0) onProgress({ file, lines: n, bytes: done + bytes, totalBytes });
      }
    })();
    await Promise.race([lines, failed]);
    done += statSync(file).size;
    onProgress?.({ file, lines: n, bytes: done, totalBytes });
  }
}

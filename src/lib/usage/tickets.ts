/**
 * KCS measures from ticket exports (`kb report --tickets`): link rate, reuse per article, new vs
 * known, and time from a ticket's resolution to a validated article, per month of resolution.
 *
 * Records come through the importer's adapters (src/lib/import/source.ts: the same detection,
 * encodings and mapping file as `kb import`), with every team accepted: first level's resolved
 * tickets count here too. A ticket is linked to an article when
 *   - the article's frontmatter `sources` names the ticket (`system` + `id`),
 *   - `kb import` recorded it for the article in `content/escalations/links.json`, or
 *   - one of the ticket's fields holds the article's URL on this site (any host; the path is read
 *     with the route table's `matchPath`, so `/artikel/<id>/` and `/en/articles/<id>/` both count).
 * Only aggregates are kept: article ids, month keys and counts. No ticket text, number or person
 * field is stored; duplicates are found through a Set of hashed ticket keys, the one structure
 * that grows with the number of tickets. Durations go into 0.1-day histograms, not lists.
 */
import { createHash } from 'node:crypto';
import type { UsageReport } from '../../schemas/usage.ts';
import type { ImportMapping } from '../../schemas/escalation.ts';
import { matchPath, type SiteLocale } from '../routes.ts';
import { ticketKey } from '../import/pipeline.ts';
import { normalizeText } from '../import/redact.ts';
import { exportRecords } from '../import/source.ts';
import { escalationSchema } from '../../schemas/escalation.ts';
import { idSchema } from '../../schemas/common.ts';

export type TicketMeasures = NonNullable<NonNullable<UsageReport['kcs']>['tickets']>;

export interface TicketArticle {
  id: string;
  /** When the article was created (the earlier of frontmatter `created` and its first git commit), ms. */
  created?: number | undefined;
  /** When it was first committed as `confidence: validated` (git), ms; only for validated/archived articles. */
  validated?: number | undefined;
}

/** What the measures need of one resolved ticket. */
export interface TicketFacts {
  /** `system:id`, as in links.json. */
  key: string;
  openedAt?: Date | undefined;
  resolvedAt?: Date | undefined;
  /** Article ids the ticket refers to (from its fields, the articles' sources and links.json); unknown ids allowed. */
  articles: Iterable<string>;
}

export interface TicketRejection {
  where: string;
  reason: string;
}

const DAY = 86_400_000;
const MAX_REJECTIONS_KEPT = 1000;

interface MonthStats {
  resolved: number;
  linked: number;
  unknownArticle: number;
  known: number;
  newArticle: number;
}

const emptyMonth = (): MonthStats => ({ resolved: 0, linked: 0, unknownArticle: 0, known: 0, newArticle: 0 });

/** Median and p90 of a histogram of tenths of days, in days (the same quantile rule as kcs.ts). */
export function histogramQuantiles(hist: ReadonlyMap<number, number>): { count: number; medianDays: number; p90Days: number } {
  const count = [...hist.values()].reduce((a, b) => a + b, 0);
  if (!count) return { count: 0, medianDays: 0, p90Days: 0 };
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const at = (p: number) => {
    const index = Math.min(count - 1, Math.floor(p * count));
    let seen = 0;
    for (const [tenths, n] of sorted) {
      seen += n;
      if (seen > index) return tenths / 10;
    }
    return sorted.at(-1)![0] / 10;
  };
  return { count, medianDays: at(0.5), p90Days: at(0.9) };
}

/** Adds resolved tickets one by one; `result()` gives the measures. */
export class TicketKcsAggregator {
  readonly counts = { records: 0, resolved: 0, notResolved: 0, duplicates: 0, rejected: 0, noDate: 0 };
  readonly rejections: TicketRejection[] = [];
  /** Why records were not counted as resolved, with counts (adapter messages: states, close codes). */
  readonly notResolvedReasons = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly articles: Map<string, TicketArticle>;
  private readonly total = emptyMonth();
  private readonly months = new Map<string, MonthStats>();
  private readonly reuse = new Map<string, { tickets: number; byMonth: Map<string, number> }>();
  private readonly days = new Map<number, number>();
  private readonly daysByMonth = new Map<string, Map<number, number>>();

  constructor(articles: readonly TicketArticle[]) {
    this.articles = new Map(articles.map((a) => [a.id, a]));
  }

  reject(where: string, reason: string): void {
    this.counts.records++;
    this.counts.rejected++;
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push({ where, reason });
  }

  notResolved(reason: string): void {
    this.counts.records++;
    this.counts.notResolved++;
    if (this.notResolvedReasons.size < 200 || this.notResolvedReasons.has(reason))
      this.notResolvedReasons.set(reason, (this.notResolvedReasons.get(reason) ?? 0) + 1);
  }

  /** One resolved ticket; false when the same ticket was already counted (in this or another file). */
  add(t: TicketFacts): boolean {
    this.counts.records++;
    const hash = createHash('sha256').update(t.key).digest('base64url').slice(0, 16);
    if (this.seen.has(hash)) {
      this.counts.duplicates++;
      return false;
    }
    this.seen.add(hash);
    this.counts.resolved++;
    const known: TicketArticle[] = [];
    let unknown = false;
    for (const id of new Set(t.articles)) {
      const a = this.articles.get(id);
      if (a) known.push(a);
      else unknown = true;
    }
    const resolvedMs = t.resolvedAt?.getTime();
    const month = resolvedMs !== undefined && !Number.isNaN(resolvedMs) ? t.resolvedAt!.toISOString().slice(0, 7) : undefined;
    if (!month) this.counts.noDate++;
    const rows = [this.total, ...(month ? [this.monthRow(month)] : [])];
    for (const r of rows) r.resolved++;
    if (!known.length) {
      if (unknown) for (const r of rows) r.unknownArticle++;
      return true;
    }
    for (const r of rows) r.linked++;
    for (const a of known) {
      const u = this.reuse.get(a.id) ?? { tickets: 0, byMonth: new Map<string, number>() };
      u.tickets++;
      if (month) u.byMonth.set(month, (u.byMonth.get(month) ?? 0) + 1);
      this.reuse.set(a.id, u);
    }
    // Known: an article it links existed before the ticket was opened (resolved, where the export has no opening date).
    const since = t.openedAt?.getTime() ?? resolvedMs;
    if (since !== undefined && !Number.isNaN(since)) {
      const isKnown = known.some((a) => a.created !== undefined && a.created < since);
      for (const r of rows) r[isKnown ? 'known' : 'newArticle']++;
    }
    // Time to a validated article: the first linked article validated after the ticket's resolution.
    if (month && resolvedMs !== undefined) {
      const later = known.map((a) => a.validated).filter((v): v is number => v !== undefined && v > resolvedMs);
      if (later.length) {
        const tenths = Math.round(((Math.min(...later) - resolvedMs) / DAY) * 10);
        this.days.set(tenths, (this.days.get(tenths) ?? 0) + 1);
        let h = this.daysByMonth.get(month);
        if (!h) this.daysByMonth.set(month, (h = new Map()));
        h.set(tenths, (h.get(tenths) ?? 0) + 1);
      }
    }
    return true;
  }

  private monthRow(month: string): MonthStats {
    let m = this.months.get(month);
    if (!m) this.months.set(month, (m = emptyMonth()));
    return m;
  }

  result(files: number): TicketMeasures {
    const sorted = <T>(entries: Iterable<[string, T]>) => Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));
    return {
      files,
      ...this.counts,
      linked: this.total.linked,
      unknownArticle: this.total.unknownArticle,
      known: this.total.known,
      newArticle: this.total.newArticle,
      byMonth: sorted(this.months),
      reuse: [...this.reuse]
        .map(([article, u]) => ({ article, tickets: u.tickets, byMonth: sorted(u.byMonth) }))
        .sort((a, b) => b.tickets - a.tickets || a.article.localeCompare(b.article)),
      timeToValidated: {
        ...histogramQuantiles(this.days),
        byMonth: sorted(
          [...this.daysByMonth].map(([m, h]) => [m, histogramQuantiles(h)] as [string, ReturnType<typeof histogramQuantiles>]),
        ),
      },
    };
  }
}

const URL_RE = /https?:\/\/[^\s"'<>()[\]{}|\\^`]+/gi;

/** Article ids named by URL in a text: the path of every http(s) URL that the route table reads as an article page. */
export function articleIdsInText(text: string, locales: readonly SiteLocale[]): string[] {
  const ids: string[] = [];
  if (!text.includes('://')) return ids;
  for (const m of text.matchAll(URL_RE)) {
    let path: string;
    try {
      path = new URL(m[0].replace(/[.,;:!?]+$/, '')).pathname;
    } catch {
      continue;
    }
    const r = matchPath(path, locales, { anyWords: true });
    if (r?.kind === 'article' && r.params.id && idSchema.safeParse(r.params.id).success) ids.push(r.params.id);
  }
  return ids;
}

/** Every string in a raw export record (nested objects and arrays too: Zammad articles, JSON display values). */
export function* recordStrings(value: unknown, depth = 0): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (depth < 6 && value && typeof value === 'object')
    for (const v of Array.isArray(value) ? value : Object.values(value)) yield* recordStrings(v, depth + 1);
}

export interface ReadTicketsOptions {
  files: readonly string[];
  format?: string | undefined;
  mapping?: ImportMapping | undefined;
  locales: readonly SiteLocale[];
  /** Ticket key (`system:id`) → article ids, from the articles' `sources` and links.json. */
  links: ReadonlyMap<string, readonly string[]>;
  onFormat?: (file: string, format: string, detected: boolean, note: string) => void;
  onRecord?: (count: number) => void;
}

/** Every team counts: the KCS measures are about all resolved tickets, not only escalations. */
const ANY_TEAM = /(?:)/;

/** Streams the exports through the importer's adapters into the aggregator. */
export async function readTicketExports(o: ReadTicketsOptions, agg: TicketKcsAggregator): Promise<void> {
  let n = 0;
  for (const file of o.files) {
    for await (const x of exportRecords(file, o)) {
      if (x.kind === 'rejected') {
        agg.reject(x.where, x.reason);
        continue;
      }
      o.onRecord?.(++n);
      const { adapter, item } = x;
      if ('error' in item) {
        agg.reject(item.where, item.error);
        continue;
      }
      const raw = item.raw as Record<string, unknown>;
      const mapped = adapter.map(raw, { teamPattern: ANY_TEAM, mapping: o.mapping });
      if (mapped.kind === 'reject') agg.reject(item.where, mapped.reason);
      else if (mapped.kind === 'skip') agg.notResolved(mapped.reason);
      else {
        const id = escalationSchema.shape.id.safeParse(normalizeText(String(mapped.escalation.id ?? '')));
        if (!id.success) {
          agg.reject(item.where, `id: ${id.error.issues[0]!.message}`);
          continue;
        }
        const key = ticketKey({ system: mapped.escalation.system, id: id.data });
        const articles = new Set(o.links.get(key) ?? []);
        for (const s of recordStrings(raw)) for (const a of articleIdsInText(s, o.locales)) articles.add(a);
        agg.add({ key, openedAt: mapped.openedAt, resolvedAt: mapped.escalation.resolvedAt, articles });
      }
    }
  }
}

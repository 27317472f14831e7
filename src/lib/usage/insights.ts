/**
 * What the insight pages show, computed from `content/insights/usage.json`: pure functions, no
 * Astro. The pages render only; every string from the report is shown as text.
 */
import type { UsageReport } from '../../schemas/usage.ts';

/** "Many not helpful votes since the last review": at least this many. */
export const NOT_HELPFUL_ATTENTION = 3;

type ReportArticle = UsageReport['articles'][number];
type ReportTree = UsageReport['trees'][number];

/** A POSIX-shell word: the text in single quotes, each `'` as `'\''`. Nothing in it is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `kb new article` command that drafts an article for a query that found nothing. */
export function newArticleCommand(query: string, category: string | undefined): string {
  const title = query.charAt(0).toLocaleUpperCase('de-DE') + query.slice(1);
  return `npm run kb -- new article ${shellQuote(title)}${category ? ` --category ${category}` : ''}`;
}

/**
 * The category whose articles share the most words with the query (title, tags, error codes);
 * undefined when none shares a word – then `kb new` asks.
 */
export function suggestCategory(query: string, articles: readonly { category: string; words: readonly string[] }[]): string | undefined {
  const words = new Set(
    query
      .toLocaleLowerCase('de-DE')
      .split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 3 && !w.startsWith('[')),
  );
  if (!words.size) return undefined;
  const score = new Map<string, number>();
  for (const a of articles) {
    let n = 0;
    for (const w of a.words) if (words.has(w)) n++;
    if (n) score.set(a.category, (score.get(a.category) ?? 0) + n);
  }
  return [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Lowercase words of an article for `suggestCategory`. */
export function articleWords(a: { title: string; tags: readonly string[]; errorCodes?: readonly string[] }): string[] {
  return [
    ...new Set(
      [a.title, ...a.tags, ...(a.errorCodes ?? [])]
        .join(' ')
        .toLocaleLowerCase('de-DE')
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => w.length >= 3),
    ),
  ];
}

/** Share of "helpful" votes, 0–1, or undefined without votes. */
export function helpfulRate(a: Pick<ReportArticle, 'helpful' | 'notHelpful'>): number | undefined {
  const votes = a.helpful + a.notHelpful;
  return votes ? a.helpful / votes : undefined;
}

/** Articles with many "not helpful" votes since their last review, most first. */
export function needsAttention(report: UsageReport): ReportArticle[] {
  return report.articles
    .filter((a) => a.notHelpfulSinceReview >= NOT_HELPFUL_ATTENTION)
    .sort((a, b) => b.notHelpfulSinceReview - a.notHelpfulSinceReview || a.id.localeCompare(b.id));
}

/** The signals the review page shows next to a due article. */
export function reviewSignals(
  report: UsageReport | undefined,
  id: string,
): { helpful: number; notHelpful: number; sinceReview: number; fromSearch: number; neverFound: boolean } | undefined {
  if (!report) return undefined;
  const a = report.articles.find((x) => x.id === id);
  return {
    helpful: a?.helpful ?? 0,
    notHelpful: a?.notHelpful ?? 0,
    sinceReview: a?.notHelpfulSinceReview ?? 0,
    fromSearch: a?.fromSearch ?? 0,
    neverFound: report.neverFound.includes(id),
  };
}

/** Report rows of one tree, newest version first. */
export function treeVersions(report: UsageReport | undefined, tree: string): ReportTree[] {
  return (report?.trees ?? [])
    .filter((t) => t.tree === tree)
    .sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }));
}

export interface NodeHeat {
  reached: number;
  left: number;
  solved: number;
  escalated: number;
  /** reached / sessions, 0–1. */
  share: number;
  /** Heat step 0–4 for the flowchart fill (0: not reached). */
  level: 0 | 1 | 2 | 3 | 4;
}

/** Per node: sessions that reached it, left there, ended solved or escalated; a heat step by share. */
export function nodeHeat(t: ReportTree): Map<string, NodeHeat> {
  const sessions = Math.max(1, t.sessions, ...t.nodes.map((n) => n.reached));
  return new Map(
    t.nodes.map((n) => {
      const share = n.reached / sessions;
      const level = (n.reached === 0 ? 0 : share > 0.75 ? 4 : share > 0.5 ? 3 : share > 0.25 ? 2 : 1) as NodeHeat['level'];
      return [n.node, { reached: n.reached, left: n.left, solved: n.solved, escalated: n.escalated, share, level }];
    }),
  );
}

/** Months of the period, oldest first, at most `n` (the latest). */
export function lastMonths(byMonth: Record<string, unknown>, n = 12): string[] {
  return Object.keys(byMonth).sort().slice(-n);
}

/** "42 %" in the locale. */
export function percent(x: number | undefined, locale: string): string {
  return x === undefined
    ? '–'
    : new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(x);
}

export type TicketReport = NonNullable<NonNullable<UsageReport['kcs']>['tickets']>;

export interface TicketMonthRow {
  month: string;
  resolved: number;
  linked: number;
  unknownArticle: number;
  known: number;
  newArticle: number;
  /** Resolved and linked to no article of the KB (`unknownArticle` included). */
  noArticle: number;
  /** linked / resolved, 0–1; undefined without resolved tickets. */
  linkRate: number | undefined;
}

/** The ticket measures per month of resolution, the latest `n` months, oldest first. */
export function ticketMonthRows(t: TicketReport, n = 12): TicketMonthRow[] {
  return lastMonths(t.byMonth, n).map((month) => {
    const m = t.byMonth[month]!;
    return { month, ...m, noArticle: m.resolved - m.linked, linkRate: m.resolved ? m.linked / m.resolved : undefined };
  });
}

/** The most reused articles that the KB (of this build) has, most first. */
export function topReused(t: TicketReport, exists: (id: string) => boolean, n = 20): TicketReport['reuse'] {
  return t.reuse.filter((r) => exists(r.article)).slice(0, n);
}

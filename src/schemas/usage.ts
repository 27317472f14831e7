/**
 * Usage events (what the site sends to `/_kb/e`, one per access-log line) and the report that
 * `kb report` writes to `content/insights/usage.json`. Both hold no personal data: no IP address,
 * user agent, cookie or referrer; search queries are redacted before they are written, and a query
 * seen fewer than `usage.minQueryCount` times is kept only as a count.
 */
import { z } from 'zod';
import { AUDIENCES, LOCALES } from './vocabulary.ts';
import { LIMITS, NOT_HELPFUL_REASONS, TREE_OUTCOMES } from './usage-vocabulary.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/, 'expected a lowercase id');
const flag = z.enum(['0', '1']).transform((v) => v === '1');
const count = z
  .string()
  .regex(/^\d{1,6}$/, 'expected a whole number')
  .transform(Number);
/** The page the event was sent from: a site path, nothing after it. */
const sitePath = z
  .string()
  .max(300)
  .regex(/^\/(?!\/)[A-Za-z0-9._~/%-]*$/, 'expected a site path');

const common = {
  l: z.enum(LOCALES),
  b: z.enum(AUDIENCES),
  p: sitePath,
};

/** `t=s`: a search, sent once per query and page visit (with the clicked result, or without: no click). */
export const searchEventSchema = z.strictObject({
  t: z.literal('s'),
  ...common,
  q: z
    .string()
    .min(1)
    .max(LIMITS.query * 3),
  n: count,
  fb: flag.optional(),
  c: flag.optional(),
  k: count.optional(),
  id: slug.optional(),
});

/** `t=f`: "Did this help?" yes or no, with one reason on no. */
export const feedbackEventSchema = z
  .strictObject({
    t: z.literal('f'),
    ...common,
    a: slug,
    v: z.enum(['y', 'n']),
    r: z.enum(NOT_HELPFUL_REASONS).optional(),
  })
  .refine((e) => e.v === 'n' || e.r === undefined, { error: 'a reason only goes with "not helpful"', path: ['r'] });

const treeKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}@[A-Za-z0-9.+-]{1,40}$/, 'expected tree@version');
const node = z.string().regex(/^[a-z0-9-]{1,80}$/, 'expected a node id');

/** `t=n`: a decision-tree node shown (`e=s`), an answer chosen (`e=a`), or the outcome (`e=o`). */
export const treeEventSchema = z.discriminatedUnion('e', [
  z.strictObject({ t: z.literal('n'), ...common, tr: treeKey, e: z.literal('s'), nd: node }),
  z.strictObject({ t: z.literal('n'), ...common, tr: treeKey, e: z.literal('a'), nd: node, ch: count }),
  z.strictObject({
    t: z.literal('n'),
    ...common,
    tr: treeKey,
    e: z.literal('o'),
    nd: node,
    o: z.enum(TREE_OUTCOMES),
    pa: z
      .string()
      .max(LIMITS.pathSteps * 90)
      .regex(/^(?:[a-z0-9-]+\.\d{1,3}(?:_[a-z0-9-]+\.\d{1,3})*)?$/, 'expected node.choice_… steps')
      .optional(),
  }),
]);

/** `t=q`: one quiz submission; `r` has one character per question, 1 right and 0 wrong. */
export const quizEventSchema = z.strictObject({
  t: z.literal('q'),
  ...common,
  qz: slug,
  r: z.string().regex(new RegExp(`^[01]{1,${LIMITS.quizQuestions}}$`), 'expected 1/0 per question'),
});

export const usageEventSchema = z.union([searchEventSchema, feedbackEventSchema, treeEventSchema, quizEventSchema]);
export type UsageEvent = z.output<typeof usageEventSchema>;
export type SearchEvent = z.output<typeof searchEventSchema>;
export type FeedbackEvent = z.output<typeof feedbackEventSchema>;
export type TreeEvent = z.output<typeof treeEventSchema>;
export type QuizEvent = z.output<typeof quizEventSchema>;

/** One line of the `kb_events` access log (deploy/nginx.conf). */
export const eventLogLineSchema = z.strictObject({
  time: z.iso.datetime({ offset: true }),
  args: z.string().max(LIMITS.event),
});

// The report ------------------------------------------------------------------------------------

const month = z.string().regex(/^\d{4}-\d{2}$/);
const n = z.number().int().min(0);
const byMonth = z.record(month, n);

const queryRow = z.strictObject({
  /** The normalised, redacted query (shown as text only, never as HTML). */
  query: z.string().min(1).max(LIMITS.query),
  count: n,
  noResults: n,
  noClick: n,
  byMonth,
});
export type QueryRow = z.output<typeof queryRow>;

const articleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/, 'expected an article id');
const quantiles = { count: n, medianDays: z.number().min(0), p90Days: z.number().min(0) };
const ticketMonth = z.strictObject({
  /** Resolved tickets (each ticket once, whatever the number of files it is in). */
  resolved: n,
  /** Linked to at least one article of the KB. */
  linked: n,
  /** Not linked to a KB article, but naming an article id the KB does not have. */
  unknownArticle: n,
  /** Linked to an article that existed before the ticket was opened. */
  known: n,
  /** Linked only to articles created after the ticket was opened. */
  newArticle: n,
});

/** KCS measures from ticket exports, by month of resolution; every record of the exports is accounted for. */
const ticketMeasures = z.strictObject({
  files: n,
  records: n,
  notResolved: n,
  duplicates: n,
  rejected: n,
  /** Resolved tickets without a resolution date: in the totals, in no month. */
  noDate: n,
  ...ticketMonth.shape,
  byMonth: z.record(month, ticketMonth),
  /** Per article: how many resolved tickets link it, most first. */
  reuse: z.array(z.strictObject({ article: articleId, tickets: n, byMonth })),
  /** From a ticket's resolution to the first linked article validated after it (git), in days. */
  timeToValidated: z.strictObject({ ...quantiles, byMonth: z.record(month, z.strictObject(quantiles)) }),
});

export const usageReportSchema = z.strictObject({
  generated: z.iso.datetime({ offset: true }),
  /** The first and last event time read. */
  period: z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).nullable(),
  minQueryCount: z.number().int().min(1),
  lines: z.strictObject({ counted: n, ignored: n, rejected: n }),
  searches: z.strictObject({
    total: n,
    noResults: n,
    noClick: n,
    fallback: n,
    corrected: n,
    byMonth: z.record(month, z.strictObject({ total: n, noResults: n, noClick: n })),
    top: z.array(queryRow),
    noResultQueries: z.array(queryRow),
    noClickQueries: z.array(queryRow),
    /** Queries seen fewer than minQueryCount times: only how many distinct queries and searches. */
    rare: z.strictObject({ queries: n, searches: n }),
  }),
  articles: z.array(
    z.strictObject({
      id: z.string().min(1),
      helpful: n,
      notHelpful: n,
      reasons: z.partialRecord(z.enum(NOT_HELPFUL_REASONS), n),
      /** "Not helpful" votes since the article's last review date. */
      notHelpfulSinceReview: n,
      /** Clicks on the article in search results. */
      fromSearch: n,
    }),
  ),
  /** Articles of the KB that no search result click reached in the last 90 days of the period. */
  neverFound: z.array(z.string()),
  trees: z.array(
    z.strictObject({
      tree: z.string(),
      version: z.string(),
      sessions: n,
      solved: n,
      escalated: n,
      abandoned: n,
      nodes: z.array(z.strictObject({ node: z.string(), reached: n, left: n, solved: n, escalated: n })),
      paths: z.array(z.strictObject({ path: z.string(), outcome: z.enum(TREE_OUTCOMES), node: z.string(), count: n })),
    }),
  ),
  quizzes: z.array(
    z.strictObject({
      quiz: z.string(),
      submissions: n,
      questions: z.array(z.strictObject({ index: n, right: n, wrong: n })),
    }),
  ),
  /** KCS participation from git (absent outside a git work tree). */
  kcs: z
    .strictObject({
      byMonth: z.record(month, z.strictObject({ created: n, validated: n })),
      timeToValidated: z.strictObject({ count: n, medianDays: z.number().min(0), p90Days: z.number().min(0) }),
      /** Per frontmatter `owner` (a team, or the owner the article already names). */
      byOwner: z.array(z.strictObject({ owner: z.string(), created: n, validated: n })),
      /** From ticket exports (`kb report --tickets`): article ids, months and counts only — no ticket text, number or person. */
      tickets: ticketMeasures.optional(),
    })
    .optional(),
});
export type UsageReport = z.output<typeof usageReportSchema>;

/** `kb.config.ts` `usage`: the one switch for events, and the privacy threshold for queries. */
export const usageConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    minQueryCount: z.number().int().min(1).default(2),
  })
  .default({ enabled: true, minQueryCount: 2 });
export type UsageConfig = z.output<typeof usageConfigSchema>;

import { z } from 'zod';
import { audienceSchema, confidenceSchema, dateSchema, idSchema, localeSchema } from './common.ts';

export const ARTICLE_TYPES = ['problem', 'howto', 'information', 'diagnostic'] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

export const TICKET_SYSTEMS = ['servicenow', 'jira', 'zammad', 'glpi', 'other'] as const;

/** Environment facets an article can be narrowed down by. */
export const ENVIRONMENT_FACETS = ['os', 'application', 'version', 'device', 'network', 'service'] as const;
export type EnvironmentFacet = (typeof ENVIRONMENT_FACETS)[number];

const facetValue = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v]));

export const environmentSchema = z.strictObject(
  Object.fromEntries(ENVIRONMENT_FACETS.map((f) => [f, facetValue.optional()])) as Record<
    EnvironmentFacet,
    z.ZodOptional<typeof facetValue>
  >,
);

export const ticketRefSchema = z.strictObject({
  system: z.enum(TICKET_SYSTEMS),
  id: z.string().min(1).max(80),
  url: z.url().optional(),
});
export type TicketRef = z.infer<typeof ticketRefSchema>;

const DAY_MS = 86_400_000;

/** Frontmatter fields as written by authors, before defaults are derived. */
export const articleFrontmatterSchema = z.strictObject({
  /** The problem in the user's own words. */
  title: z.string().min(5).max(140),
  summary: z.string().min(10).max(400),
  type: z.enum(ARTICLE_TYPES),
  category: idSchema,
  tags: z.array(idSchema).default([]),
  environment: environmentSchema.default({}),
  /** Exact error strings as users see them, e.g. `0x80070005`, `AADSTS50076`. */
  errorCodes: z.array(z.string().min(2).max(200)).default([]),
  /**
   * Search terms: the words users type that do not belong in the text (`Rechner`, `Spooler`,
   * `Drucker weg`). Indexed with a high weight, not shown on the page.
   */
  keywords: z.array(z.string().trim().min(2).max(60)).max(30).default([]),
  /** The lowest level allowed to read the article. */
  audience: audienceSchema,
  confidence: confidenceSchema,
  owner: z.string().min(1),
  created: dateSchema,
  reviewed: dateSchema,
  /** Review due date; defaults to `reviewed` + the configured review interval. */
  reviewBy: dateSchema.optional(),
  lang: localeSchema,
  sources: z.array(ticketRefSchema).default([]),
  related: z.array(idSchema).default([]),
  /** For archived articles: the article that replaces this one. */
  replacedBy: idSchema.optional(),
  /**
   * This article is the translation of another language's article (its id): the language switch
   * links the two, and the search shows the reader's language first and the other once.
   */
  translationOf: idSchema.optional(),
});
export type ArticleFrontmatterInput = z.input<typeof articleFrontmatterSchema>;

/**
 * The article schema for a given review interval. `reviewBy` is always set on the output.
 * The site and the CLI pass kb.config.ts's `reviewIntervalDays`; `articleSchema` uses the default.
 */
export function makeArticleSchema(reviewIntervalDays: number) {
  return articleFrontmatterSchema
    .superRefine((a, ctx) => {
      if (a.reviewed < a.created) {
        ctx.addIssue({ code: 'custom', path: ['reviewed'], message: 'must not be before `created`' });
      }
      if (a.replacedBy && a.confidence !== 'archived') {
        ctx.addIssue({
          code: 'custom',
          path: ['replacedBy'],
          message: 'only archived articles can name a replacement (set confidence: archived)',
        });
      }
    })
    .transform((a) => ({
      ...a,
      reviewBy: a.reviewBy ?? new Date(a.reviewed.getTime() + reviewIntervalDays * DAY_MS),
    }));
}
export type Article = z.output<ReturnType<typeof makeArticleSchema>>;

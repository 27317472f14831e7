/**
 * The content model of Support KB, defined once. No schema module reads kb.config.ts: what depends
 * on the site's configuration (the review interval) is passed in by the caller.
 */
import { makeArticleSchema } from './article.ts';

export * from './common.ts';
export * from './category.ts';
export * from './article.ts';
export * from './config.ts';
export * from './auth.ts';
export * from './tree.ts';
export * from './training.ts';
export * from './insights.ts';
export * from './usage.ts';

/** The schema's default review interval (kb.config.ts `reviewIntervalDays` defaults to it as well). */
export const DEFAULT_REVIEW_INTERVAL_DAYS = 365;

/**
 * Article frontmatter schema with the default review interval. The site and the `kb` CLI use
 * `makeArticleSchema(config.reviewIntervalDays)`.
 */
export const articleSchema = makeArticleSchema(DEFAULT_REVIEW_INTERVAL_DAYS);
export * from './synonyms.ts';

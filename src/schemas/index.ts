/** The content model of Support KB, defined once. */
import config from '../../kb.config.ts';
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

/** Article frontmatter schema bound to the review interval in kb.config.ts. */
export const articleSchema = makeArticleSchema(config.reviewIntervalDays);

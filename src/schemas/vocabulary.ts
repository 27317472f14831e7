/**
 * The content model's fixed vocabularies as plain constants, without zod, so that browser
 * islands can use them without bundling the schema library.
 */
export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Ordered from the widest to the most restricted readership. */
export const AUDIENCES = ['employee', 'first-level', 'second-level'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** KCS confidence states, in lifecycle order. */
export const CONFIDENCES = ['wip', 'not-validated', 'validated', 'archived'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

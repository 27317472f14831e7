/**
 * Vocabulary shared by every content type: locales, audiences, confidence states.
 * Plain zod, no Astro imports: the site, the `kb` CLI and the tests all use these.
 */
import { z } from 'zod';
import { AUDIENCES, CONFIDENCES, LOCALES } from './vocabulary.ts';

export * from './vocabulary.ts';

export const localeSchema = z.enum(LOCALES);
export const audienceSchema = z.enum(AUDIENCES);
export const confidenceSchema = z.enum(CONFIDENCES);

/** Lowercase kebab-case identifier, safe in file names and URLs. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase kebab-case id such as "vpn-fehler-809"');

/** A text per locale; German is required because it is the primary language. */
export const localizedTextSchema = z.strictObject({
  de: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * A calendar date. YAML gives a Date for unquoted `2026-03-01`; a quoted string is accepted too.
 * Stored as a Date at midnight UTC.
 */
export const dateSchema = z.coerce.date({
  error: 'expected a date in the form YYYY-MM-DD',
});

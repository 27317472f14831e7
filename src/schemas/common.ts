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
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase kebab-case id such as "vpn-fehler-809"');

/** A text per locale; German is required because it is the primary language. */
export const localizedTextSchema = z.strictObject({
  de: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * A calendar date: unquoted `2026-03-01` (YAML gives a Date) or a quoted "2026-03-01". Stored as a
 * Date at midnight UTC. An empty value, `null`, a number or any other text is an error naming the
 * field (no silent 1970-01-01).
 */
export const dateSchema = z
  .union([z.date(), z.string(), z.number(), z.null(), z.boolean()], {
    error: 'expected a date in the form YYYY-MM-DD',
  })
  .transform((value, ctx) => {
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) return value;
    } else if (typeof value === 'string') {
      const text = value.trim();
      const d = new Date(`${text}T00:00:00Z`);
      if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text)) return d;
    }
    const got =
      value === null || (typeof value === 'string' && value.trim() === '')
        ? 'an empty value'
        : typeof value === 'number'
          ? `the number ${value}`
          : JSON.stringify(value);
    ctx.addIssue({ code: 'custom', message: `expected a date in the form YYYY-MM-DD, got ${got}` });
    return z.NEVER;
  });

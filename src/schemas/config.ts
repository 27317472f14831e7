import { z } from 'zod';
import { localeSchema, localizedTextSchema } from './common.ts';

/** An escalation target that decision trees and the importer refer to by key. */
export const teamSchema = z.strictObject({
  name: z.string().min(1),
  email: z.email(),
  level: z.union([z.literal(2), z.literal(3)]),
  description: z.string().optional(),
});
export type Team = z.infer<typeof teamSchema>;

/** A locale code as it appears in URLs (`/en/…`) and `lang` attributes. */
const localeCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'expected a lowercase language code such as "en"');

/**
 * The site's locales and their UI strings (src/i18n/<code>.ts), in order; German, the primary
 * locale, first. Every table must have the keys of the first one.
 */
export const localesSchema = z
  .record(localeCodeSchema, z.record(z.string(), z.string()))
  .superRefine((tables, ctx) => {
    const codes = Object.keys(tables);
    if (codes[0] !== 'de') ctx.addIssue({ code: 'custom', message: `the first locale must be "de" (the primary language at the site's root), got "${codes[0] ?? ''}"` });
    const reference = Object.keys(tables[codes[0] ?? ''] ?? {});
    for (const code of codes.slice(1)) {
      const missing = reference.filter((k) => typeof tables[code]?.[k] !== 'string');
      if (missing.length) ctx.addIssue({ code: 'custom', path: [code], message: `missing UI strings: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}` });
    }
  });

export const kbConfigSchema = z.strictObject({
  /** The site's locales with their UI strings; adding one is a string file plus an entry here. */
  locales: localesSchema,
  /** Site title per locale, shown in the header and in the browser tab. */
  title: localizedTextSchema,
  organisation: z.string().min(1),
  defaultLocale: localeSchema.default('de'),
  /** Public URL of the deployed site (used for canonical links and the sitemap). */
  site: z.url().default('http://localhost:4321'),
  supportEmail: z.email(),
  supportPhone: z.string().min(1).optional(),
  /**
   * URL that opens a new ticket. `{title}` and `{description}` are replaced with URL-encoded text.
   */
  ticketUrlTemplate: z
    .url()
    .refine((u) => u.includes('{title}') || u.includes('{description}'), {
      error: 'expected a URL containing {title} and/or {description}',
    }),
  /** Articles are due for review this many days after `reviewed`, unless they set `reviewBy`. */
  reviewIntervalDays: z.number().int().positive().default(365),
  /** Escalation teams, keyed by id. */
  teams: z.record(z.string().regex(/^[a-z0-9-]+$/), teamSchema),
  /** Articles per page on category and tag pages. */
  pageSize: z.number().int().min(5).max(200).default(20),
});
export type KbConfigInput = z.input<typeof kbConfigSchema>;
export type KbConfig = z.output<typeof kbConfigSchema>;

/** Validates the site configuration once, with a readable error naming the field. */
export function defineKbConfig(input: KbConfigInput): KbConfig {
  const result = kbConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`kb.config.ts is invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}

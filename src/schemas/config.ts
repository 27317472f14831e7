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

const commonFieldModeSchema = z.enum(['off', 'optional', 'required']);

export const kbConfigSchema = z.strictObject({
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
  /**
   * Fields every escalation offers before the tree's own, each `off`, `optional` or `required`:
   * the caller's name, a callback number and the ticket number (staff builds); employees are asked
   * only for a callback number.
   */
  handoffFields: z
    .strictObject({
      caller: commonFieldModeSchema.default('optional'),
      callback: commonFieldModeSchema.default('optional'),
      ticket: commonFieldModeSchema.default('optional'),
    })
    .default({ caller: 'optional', callback: 'optional', ticket: 'optional' }),
  /**
   * Hosts (and their subdomains) whose web addresses in article text become links, e.g.
   * `microsoft.com`. Addresses on other hosts stay text, so a link copied from a ticket is never clickable.
   */
  autolinkHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/, 'expected a host name such as "microsoft.com"')).default([]),
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

import { z } from 'zod';
import { localeSchema, localizedTextSchema } from './common.ts';
import { authSchema } from './auth.ts';
import { usageConfigSchema } from './usage.ts';

/** An escalation target that decision trees and the importer refer to by key. */
export const teamSchema = z.strictObject({
  name: z.string().min(1),
  email: z.email(),
  level: z.union([z.literal(2), z.literal(3)]),
  description: z.string().optional(),
});
export type Team = z.infer<typeof teamSchema>;

/**
 * Team mode of the browser editor (Sveltia CMS in staff builds): where the repository lives and
 * how editors sign in. Without it, staff builds still contain the editor page, which then explains
 * how to set it up; local mode (`npm run edit`) needs none of it.
 */
export const editorConfigSchema = z.strictObject({
  backend: z.enum(['gitlab', 'github', 'gitea']),
  /** `group/project` or `owner/repo`. */
  repo: z.string().regex(/^[\w.-]+(?:\/[\w.-]+)+$/, 'expected "group/project"'),
  branch: z.string().min(1).default('main'),
  /** API root of a self-hosted instance, e.g. `https://gitlab.muster.example/api/v4`. */
  apiRoot: z.url().optional(),
  /** Base URL of the instance for sign-in, e.g. `https://gitlab.muster.example`. */
  baseUrl: z.url().optional(),
  /** OAuth application id (GitLab PKCE, Gitea) for sign-in without a token. */
  appId: z.string().min(1).optional(),
  /** Changes become a branch and a merge request (default) instead of commits to `branch`. */
  editorialWorkflow: z.boolean().default(true),
  /** The content folder's path in the repository. */
  contentPath: z.string().min(1).default('content'),
});
export type EditorConfig = z.output<typeof editorConfigSchema>;
const commonFieldModeSchema = z.enum(['off', 'optional', 'required']);
/** A locale code as it appears in URLs (`/en/…`) and `lang` attributes. */
const localeCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'expected a lowercase language code such as "en"');

/**
 * The site's locales and their UI strings (src/i18n/<code>.ts), in order; German, the primary
 * locale, first. Every table must have the keys of the first one.
 */
export const localesSchema = z.record(localeCodeSchema, z.record(z.string(), z.string())).superRefine((tables, ctx) => {
  const codes = Object.keys(tables);
  if (codes[0] !== 'de')
    ctx.addIssue({
      code: 'custom',
      message: `the first locale must be "de" (the primary language at the site's root), got "${codes[0] ?? ''}"`,
    });
  const reference = Object.keys(tables[codes[0] ?? ''] ?? {});
  for (const code of codes.slice(1)) {
    const missing = reference.filter((k) => typeof tables[code]?.[k] !== 'string');
    if (missing.length)
      ctx.addIssue({
        code: 'custom',
        path: [code],
        message: `missing UI strings: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
      });
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
  ticketUrlTemplate: z.url().refine((u) => u.includes('{title}') || u.includes('{description}'), {
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
  /** Sign-in for the staff builds: groups per audience, host names, session lifetime (see src/schemas/auth.ts). */
  auth: authSchema.optional(),
  /** Team mode of the browser editor; see README "Editing in the browser". */
  editor: editorConfigSchema.optional(),
  /** Usage events (`/_kb/e`) and `kb report`; see README "Usage insights". `enabled: false` sends none. */
  usage: usageConfigSchema,
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

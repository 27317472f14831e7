import { z } from 'zod';

/**
 * Sign-in for the audience builds (`auth` in kb.config.ts): which identity-provider groups or roles
 * may read which build, where each build is served, and how long a session lasts. The web-server
 * configurations under deploy/ are generated from this (`npm run kb -- deploy-config`).
 * No secret belongs here: the client secret and the cookie passphrase live outside the repository.
 */

/** `30s`, `15m`, `8h`, `7d` → seconds. */
export function parseDuration(value: string): number | undefined {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

function duration(min: number, max: number) {
  return z
    .string()
    .refine((v) => parseDuration(v) !== undefined, { error: 'expected a duration like "30m", "8h" or "1d"' })
    .transform((v) => parseDuration(v)!)
    .refine((s) => s >= min && s <= max, { error: `expected a duration between ${min} s and ${max / 86400} days` });
}

/**
 * A group or role name as the provider puts it into the claim: Entra ID group object ids or app-role
 * values, Keycloak group names or full paths (`/support/first-level`). No spaces or quotes, because
 * the name ends up in web-server configuration.
 */
const groupName = z.string().regex(/^[A-Za-z0-9_/][A-Za-z0-9_.:/@-]*$/, {
  error: 'expected a group or role name of letters, digits and _ . : / @ - (no spaces or quotes)',
});

const groupList = z.array(groupName).refine((l) => new Set(l).size === l.length, { error: 'lists a group twice' });

const hostName = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
  error: 'expected a lower-case host name such as team.kb.example.org (no scheme, port or path)',
});

export const authSchema = z
  .strictObject({
    /** OpenID Connect provider: its discovery document and this site's client id (not secret). */
    provider: z.strictObject({
      metadataUrl: z.url({ protocol: /^https?$/ }).refine((u) => u.endsWith('/.well-known/openid-configuration'), {
        error: 'expected the discovery URL ending in /.well-known/openid-configuration',
      }),
      clientId: z.string().regex(/^[A-Za-z0-9_.:@-]+$/, { error: 'expected a client id without spaces or quotes' }),
      /** Scopes besides `openid` (e.g. a Keycloak client scope that adds the groups claim). */
      scopes: z.array(z.string().regex(/^[A-Za-z0-9_.:/-]+$/)).default(['profile']),
    }),
    /** Claim that lists the user's groups or roles: `groups` (Keycloak, Entra group claims) or `roles` (Entra app roles). */
    claim: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, { error: 'expected a claim name like groups or roles' })
      .default('groups'),
    /** `public`: the employee build is open on the intranet; `sign-in`: it also needs a signed-in account. */
    employee: z.enum(['public', 'sign-in']).default('public'),
    /**
     * Groups per build. Second level implies first level: members of a `second-level` group also
     * read the first-level build. `employee` applies only with `employee: 'sign-in'`; empty means
     * any account the provider signs in.
     */
    groups: z.strictObject({
      employee: groupList.default([]),
      'first-level': groupList.min(1, { error: 'name at least one group that may read the first-level build' }),
      'second-level': groupList.min(1, { error: 'name at least one group that may read the second-level build' }),
    }),
    /** One host name per build: the builds' links assume they are served from `/`. */
    hosts: z.strictObject({ employee: hostName, 'first-level': hostName, 'second-level': hostName }),
    /** Folder on the web server holding one folder per build: `<webRoot>/employee`, `…/first-level`, `…/second-level`. */
    webRoot: z
      .string()
      .regex(/^\/[A-Za-z0-9_./-]*$/, { error: 'expected an absolute path without spaces or quotes' })
      .refine((p) => !p.split('/').includes('..'), { error: 'must not contain ..' })
      .default('/var/www/support-kb'),
    session: z
      .strictObject({
        /** Signed out after this long without a request. */
        inactivity: duration(10, 7 * 86400).default(3600),
        /** Signed out this long after signing in, however active. */
        maxDuration: duration(15, 30 * 86400).default(8 * 3600),
      })
      .default({ inactivity: 3600, maxDuration: 8 * 3600 }),
  })
  .superRefine((auth, ctx) => {
    const hosts = Object.values(auth.hosts);
    if (new Set(hosts).size !== hosts.length) {
      ctx.addIssue({ code: 'custom', path: ['hosts'], message: 'every build needs its own host name' });
    }
    const both = auth.groups['first-level'].filter((g) => auth.groups['second-level'].includes(g));
    if (both.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', 'first-level'],
        message: `${both.join(', ')} is also a second-level group; second level implies first level, so list it under second-level only`,
      });
    }
    if (auth.employee === 'public' && auth.groups.employee.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', 'employee'],
        message: 'employee groups need employee: "sign-in" (the employee build is public)',
      });
    }
    if (auth.session.maxDuration < auth.session.inactivity) {
      ctx.addIssue({ code: 'custom', path: ['session', 'maxDuration'], message: 'must not be shorter than session.inactivity' });
    }
  });
export type AuthConfigInput = z.input<typeof authSchema>;
export type AuthConfig = z.output<typeof authSchema>;

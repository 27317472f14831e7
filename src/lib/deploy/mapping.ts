/**
 * Who may read which build: the group-to-audience mapping of kb.config.ts (`auth`) resolved into
 * one access rule per build, shared by every web-server configuration generator.
 */
import type { AuthConfig } from '../../schemas/auth.ts';
import { AUDIENCES, type Audience } from '../../schemas/vocabulary.ts';

export type Access =
  /** Open to everyone who reaches the host. */
  | { kind: 'public' }
  /** Any account the provider signs in. */
  | { kind: 'signed-in' }
  /** Accounts whose groups/roles claim contains one of these values. */
  | { kind: 'groups'; groups: string[] };

/**
 * Second level implies first level, and with a restricted employee build every staff group may read
 * it too.
 */
export function accessFor(auth: AuthConfig, audience: Audience): Access {
  const second = auth.groups['second-level'];
  const first = [...auth.groups['first-level'], ...second];
  switch (audience) {
    case 'second-level':
      return { kind: 'groups', groups: [...second] };
    case 'first-level':
      return { kind: 'groups', groups: dedupe(first) };
    case 'employee':
      if (auth.employee === 'public') return { kind: 'public' };
      if (!auth.groups.employee.length) return { kind: 'signed-in' };
      return { kind: 'groups', groups: dedupe([...auth.groups.employee, ...first]) };
  }
}

/** The audiences a user with these groups may read (what the tests expect of the server). */
export function readableAudiences(auth: AuthConfig, userGroups: readonly string[] | undefined): Audience[] {
  return AUDIENCES.filter((a) => {
    const access = accessFor(auth, a);
    if (access.kind === 'public') return true;
    if (userGroups === undefined) return false;
    if (access.kind === 'signed-in') return true;
    return access.groups.some((g) => userGroups.includes(g));
  });
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** Server paths of the sign-in machinery; they sit outside every site route. */
export const AUTH_PATHS = {
  /** OpenID Connect redirect URI (register `https://<host>/oidc/callback` for every host with sign-in). */
  callback: '/oidc/callback',
  /** Sign-out: ends the local session and, where the provider supports it, the provider's session. */
  signOut: '/oidc/signout',
} as const;

/**
 * Apache (Debian's apache2 + libapache2-mod-auth-openidc) configuration for the three audience
 * builds, one virtual host per build, generated from kb.config.ts `auth`. This is the deployment
 * the sign-in tests run (test/deploy/signin.test.ts).
 */
import type { AuthConfig } from '../../schemas/auth.ts';
import { AUDIENCES, type Audience } from '../../schemas/vocabulary.ts';
import { AUTH_PATHS, accessFor } from './mapping.ts';
import { SECURITY_HEADERS, cacheControl } from './security-headers.ts';

export interface ApacheOptions {
  /** Address:port of the virtual hosts, e.g. `*:443` (a matching `Listen` lives in ports.conf). */
  listen: string;
  /** TLS certificate and key; without them the hosts speak plain HTTP (only for tests on loopback). */
  tls?: { certificateFile: string; keyFile: string } | undefined;
  /** Also answer on this plain-HTTP address:port with a redirect to HTTPS (e.g. `*:80`). */
  redirectHttp?: string | undefined;
  /** Port in the public URLs when it is not the scheme's default (tests). */
  publicPort?: number | undefined;
  /** File outside the repository that defines KB_OIDC_CLIENT_SECRET and KB_OIDC_CRYPTO_PASSPHRASE. */
  secretsFile: string;
  /** Document root per build; default `<auth.webRoot>/<audience>`. */
  roots?: Partial<Record<Audience, string>> | undefined;
  /** Access log of all builds, in a format without IP address, user, user agent, cookies or query strings. */
  accessLog: string;
}

export const DEFAULT_APACHE_OPTIONS: ApacheOptions = {
  listen: '*:443',
  tls: { certificateFile: '/etc/ssl/certs/support-kb.pem', keyFile: '/etc/ssl/private/support-kb.key' },
  redirectHttp: '*:80',
  secretsFile: '/etc/apache2/support-kb-secrets.conf',
  accessLog: '/var/log/apache2/support-kb-access.log',
};

/** Time, host, method, path (no query string), status, bytes: nothing about the person. */
export const ACCESS_LOG_FORMAT = '%{%Y-%m-%dT%H:%M:%S%z}t %v \\"%m %U\\" %>s %B';

/** `https://team.kb.example.org` (with the port where it is not the default). */
export function publicOrigin(host: string, options: Pick<ApacheOptions, 'tls' | 'publicPort'>): string {
  const scheme = options.tls ? 'https' : 'http';
  const port = options.publicPort && options.publicPort !== (options.tls ? 443 : 80) ? `:${options.publicPort}` : '';
  return `${scheme}://${host}${port}`;
}

/** Characters that could break out of a double-quoted Apache argument. */
function quoted(value: string): string {
  if (/["\\\n\r$]/.test(value)) throw new Error(`refusing to write ${JSON.stringify(value)} into the Apache configuration`);
  return `"${value}"`;
}

function headerLines(indent: string, signedIn: boolean): string[] {
  return [
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${indent}Header always set ${name} ${quoted(value)}`),
    `${indent}Header always set Cache-Control ${quoted(cacheControl('revalidate', signedIn))}`,
    `${indent}<LocationMatch "^/_astro/">`,
    `${indent}    Header always set Cache-Control ${quoted(cacheControl('asset', signedIn))}`,
    `${indent}</LocationMatch>`,
  ];
}

function vhost(auth: AuthConfig, audience: Audience, options: ApacheOptions): string {
  const host = auth.hosts[audience];
  const root = options.roots?.[audience] ?? `${auth.webRoot}/${audience}`;
  const access = accessFor(auth, audience);
  const signedIn = access.kind !== 'public';
  const origin = publicOrigin(host, options);
  const lines = [
    `# ${audience} build${signedIn ? '' : ' (public on the intranet)'}`,
    `<VirtualHost ${options.listen}>`,
    `    ServerName ${host}`,
    `    DocumentRoot ${quoted(root)}`,
    ...(options.tls
      ? [
          '    SSLEngine on',
          `    SSLCertificateFile ${quoted(options.tls.certificateFile)}`,
          `    SSLCertificateKeyFile ${quoted(options.tls.keyFile)}`,
        ]
      : []),
    '    DirectoryIndex index.html',
    '    AddDefaultCharset utf-8',
    '    AddType "text/calendar; charset=utf-8" .ics',
    '    AddType application/wasm .wasm',
    '    ErrorDocument 404 /404.html',
    `    CustomLog ${quoted(options.accessLog)} supportkb`,
    ...headerLines('    ', signedIn),
    `    <Directory ${quoted(root)}>`,
    '        Options None',
    '        AllowOverride None',
    ...(signedIn ? [] : ['        Require all granted']),
    '    </Directory>',
  ];
  if (signedIn) {
    lines.push(
      '    # Everything on this host, the redirect URI included, needs a session whose claims allow it.',
      '    <Location />',
      '        AuthType openid-connect',
      ...(access.kind === 'signed-in'
        ? ['        Require valid-user']
        : access.groups.map((g) => `        Require claim ${auth.claim}:${g}`)),
      '        # Signed in but not allowed: 403 (Apache would answer 401 and invite another sign-in).',
      '        AuthzSendForbiddenOnFailure On',
      '    </Location>',
      `    # Sign-out: ends this host's session, then the provider's (where it supports RP-initiated logout).`,
      `    Redirect 302 ${AUTH_PATHS.signOut} ${origin}${AUTH_PATHS.callback}?logout=${encodeURIComponent(`${origin}/`)}`,
    );
  }
  lines.push('</VirtualHost>');
  return lines.join('\n');
}

/** The whole site file (Debian: /etc/apache2/sites-available/support-kb.conf). */
export function apacheConfig(auth: AuthConfig, options: ApacheOptions = DEFAULT_APACHE_OPTIONS): string {
  const withSignIn = AUDIENCES.filter((a) => accessFor(auth, a).kind !== 'public');
  const scopes = ['openid', ...auth.provider.scopes.filter((s) => s !== 'openid')].join(' ');
  const parts = [
    `# Support KB – Apache with mod_auth_openidc: one virtual host per audience build.
# GENERATED by \`npm run kb -- deploy-config\` from kb.config.ts (auth); change that and regenerate.
# Debian: a2enmod auth_openidc headers mime dir alias${options.tls ? ' ssl' : ''}; a2ensite support-kb.
#
# Secrets stay outside the repository, in ${options.secretsFile} (owner root, mode 0600):
#   Define KB_OIDC_CLIENT_SECRET "<client secret from the identity provider>"
#   Define KB_OIDC_CRYPTO_PASSPHRASE "<long random string, e.g. openssl rand -base64 48>"
# Register ${withSignIn.map((a) => `https://${auth.hosts[a]}${AUTH_PATHS.callback}`).join(', ')} as redirect URIs
# and the hosts' https://<host>/ as post-logout redirect URIs.`,
    `Include ${quoted(options.secretsFile)}
<IfDefine !KB_OIDC_CLIENT_SECRET>
    Error "KB_OIDC_CLIENT_SECRET is not defined: put Define KB_OIDC_CLIENT_SECRET into ${options.secretsFile}"
</IfDefine>
<IfDefine !KB_OIDC_CRYPTO_PASSPHRASE>
    Error "KB_OIDC_CRYPTO_PASSPHRASE is not defined: put Define KB_OIDC_CRYPTO_PASSPHRASE into ${options.secretsFile}"
</IfDefine>`,
    `# OpenID Connect relying party (authorization-code flow with PKCE).
OIDCProviderMetadataURL ${quoted(auth.provider.metadataUrl)}
OIDCClientID ${quoted(auth.provider.clientId)}
OIDCClientSecret "\${KB_OIDC_CLIENT_SECRET}"
OIDCCryptoPassphrase "\${KB_OIDC_CRYPTO_PASSPHRASE}"
OIDCRedirectURI ${AUTH_PATHS.callback}
OIDCResponseType code
OIDCPKCEMethod S256
OIDCScope ${quoted(scopes)}
OIDCRemoteUserClaim sub
# A static site needs no identity: pass no claims or tokens on (the access log sees only \`sub\`).
OIDCPassClaimsAs none
OIDCCookieSameSite On
OIDCCookieHTTPOnly On
# Signed in, but not in a group for this build: 403, never the site.
OIDCUnAutzAction 403
# Session lifetime (kb.config.ts auth.session).
OIDCSessionInactivityTimeout ${auth.session.inactivity}
OIDCSessionMaxDuration ${auth.session.maxDuration}`,
    `# Access log without IP address, user, user agent, cookies or query strings (search terms).
LogFormat "${ACCESS_LOG_FORMAT}" supportkb`,
    `# Requests for any other host name (or none) get nothing.
<VirtualHost ${options.listen}>
    ServerName unknown-host.invalid
    CustomLog ${quoted(options.accessLog)} supportkb
${options.tls ? `    SSLEngine on\n    SSLCertificateFile ${quoted(options.tls.certificateFile)}\n    SSLCertificateKeyFile ${quoted(options.tls.keyFile)}\n` : ''}${Object.entries(
      SECURITY_HEADERS,
    )
      .map(([name, value]) => `    Header always set ${name} ${quoted(value)}`)
      .join('\n')}
    <Location />
        Require all denied
    </Location>
</VirtualHost>`,
    ...AUDIENCES.map((a) => vhost(auth, a, options)),
  ];
  if (options.tls && options.redirectHttp) {
    parts.push(
      `# Plain HTTP only redirects to HTTPS.\n` +
        AUDIENCES.map(
          (a) =>
            `<VirtualHost ${options.redirectHttp}>\n    ServerName ${auth.hosts[a]}\n    CustomLog ${quoted(options.accessLog)} supportkb\n    Redirect permanent / https://${auth.hosts[a]}/\n</VirtualHost>`,
        ).join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

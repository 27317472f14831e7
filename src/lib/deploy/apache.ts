/**
 * Apache (Debian's apache2 + libapache2-mod-auth-openidc) configuration for the three audience
 * builds, one virtual host per build, generated from kb.config.ts `auth`. This is the deployment
 * the sign-in tests run (test/deploy/signin.test.ts).
 */
import type { AuthConfig } from '../../schemas/auth.ts';
import { AUDIENCES, type Audience } from '../../schemas/vocabulary.ts';
import { EVENT_ENDPOINT } from '../usage/vocabulary.ts';
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
  /**
   * Usage-event log of all builds (`kb report` reads it), or undefined for no event endpoint
   * (kb.config.ts `usage.enabled: false`).
   */
  eventLog?: string | undefined;
}

export const DEFAULT_APACHE_OPTIONS: ApacheOptions = {
  listen: '*:443',
  tls: { certificateFile: '/etc/ssl/certs/support-kb.pem', keyFile: '/etc/ssl/private/support-kb.key' },
  redirectHttp: '*:80',
  secretsFile: '/etc/apache2/support-kb-secrets.conf',
  accessLog: '/var/log/apache2/support-kb-access.log',
  eventLog: '/var/log/apache2/support-kb-events.log',
};

/** Time, host, method, path (no query string), status, bytes: nothing about the person. */
export const ACCESS_LOG_FORMAT = '%{%Y-%m-%dT%H:%M:%S%z}t %v \\"%m %U\\" %>s %B';

/**
 * One usage event per line, as deploy/nginx.conf's `kb_events` and `parseEventLine` read it: the
 * time and the request's query string (the event), nothing else. mod_log_config escapes `"`, `\`,
 * control characters and non-ASCII bytes in `%{…}e` (as `\"`, `\\`, `\xhh`), so a request can neither end the
 * string nor start a line; `%z` is `+0100` where nginx writes `+01:00` (parseEventLine takes both).
 */
export const EVENT_LOG_FORMAT = '{\\"time\\":\\"%{%Y-%m-%dT%H:%M:%S%z}t\\",\\"args\\":\\"%{KB_EVENT_ARGS}e\\"}';

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

/**
 * The usage-event endpoint of one host, as `location = /_kb/e` in deploy/nginx.conf: POST (the
 * beacons) → 204, GET (the no-JavaScript feedback links and form) → 303 back to the page, other
 * methods 405 (eventAnswerLines), `Cache-Control: no-store`; one line per accepted event in the
 * event log, none in the access log. Behind sign-in the host's `Require` applies as to every other URL, and a request
 * without a session that is not a page navigation (a beacon, a script) gets 401 instead of the
 * sign-in redirect; a navigation (a feedback link clicked after the session expired) signs in and
 * comes back here, so the vote is kept.
 */
function eventLines(eventLog: string, signedIn: boolean): string[] {
  const path = '(/(?!/)[A-Za-z0-9._~/-]{0,300})';
  return [
    '    # Usage events (README "Usage insights"): only requests answered 204 or 303 here are logged,',
    '    # so nothing is written for a request without a session (401, or the sign-in redirect) or',
    '    # from a browser that sends Global Privacy Control.',
    `    CustomLog ${quoted(eventLog)} kb_events "expr=%{REQUEST_URI} == '${EVENT_ENDPOINT}' && %{REQUEST_STATUS} -in {'204', '303'} && %{HTTP:Sec-GPC} != '1'"`,
    '    # The event is the query string (mod_setenvif runs before the request is mapped, so for every',
    "    # request; only the event log prints it). The way back for GET: the event's page path `p`, else",
    '    # the path of the Referer, else "/" – only ever a path on this host.',
    '    SetEnvIfExpr "%{QUERY_STRING} =~ /^(.*)$/" KB_EVENT_ARGS=$1',
    `    SetEnvIfExpr "%{QUERY_STRING} =~ m;(?:^|&)p=${path}(?:&|$);" KB_EVENT_BACK=$1`,
    `    SetEnvIfExpr "-z reqenv('KB_EVENT_BACK') && %{HTTP_REFERER} =~ m;^https?://[^/?#]+${path}(?:[?#].*)?$;" KB_EVENT_BACK=$1`,
    `    SetEnvIfExpr "-z reqenv('KB_EVENT_BACK')" KB_EVENT_BACK=/`,
    '    SetEnvIfExpr "%{QUERY_STRING} =~ /(?:^|&)v=y(?:&|$)/" KB_EVENT_THANKS=#feedback-yes',
    `    SetEnvIfExpr "-z reqenv('KB_EVENT_THANKS')" KB_EVENT_THANKS=#danke`,
    `    <LocationMatch "^${EVENT_ENDPOINT}$">`,
    ...(signedIn ? [`        OIDCUnAuthAction 401 "%{REQUEST_METHOD} != 'GET' || %{HTTP:Sec-Fetch-Mode} != 'navigate'"`] : []),
    '        Header always set Cache-Control "no-store"',
    '    </LocationMatch>',
  ];
}

/**
 * The answers of the event endpoint, inside the build's `<Directory>`. Not in the `<LocationMatch>`:
 * mod_alias applies a `Redirect` found in a Location section while it translates the URL, before
 * any sign-in check, so there it would answer (and log) requests without a session. In the
 * Directory section it runs in the fixups, after authentication and authorization.
 */
function eventAnswerLines(): string[] {
  const at = `%{REQUEST_URI} == '${EVENT_ENDPOINT}'`;
  return [
    '        # Usage events: answered only here, after the sign-in check (see the LocationMatch above).',
    `        <If "${at} && %{REQUEST_METHOD} == 'POST'">`,
    '            Redirect 204',
    '        </If>',
    `        <ElseIf "${at} && %{REQUEST_METHOD} == 'GET'">`,
    '            # The "?" (an empty query) keeps mod_alias from appending the event to the way back.',
    '            Redirect 303 "%{reqenv:KB_EVENT_BACK}?%{reqenv:KB_EVENT_THANKS}"',
    '        </ElseIf>',
    `        <ElseIf "${at}">`,
    '            Redirect 405',
    '        </ElseIf>',
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
    options.eventLog
      ? `    CustomLog ${quoted(options.accessLog)} supportkb "expr=%{REQUEST_URI} != '${EVENT_ENDPOINT}'"`
      : `    CustomLog ${quoted(options.accessLog)} supportkb`,
    ...(options.eventLog ? eventLines(options.eventLog, signedIn) : []),
    ...headerLines('    ', signedIn),
    `    <Directory ${quoted(root)}>`,
    '        Options None',
    '        AllowOverride None',
    ...(options.eventLog ? eventAnswerLines() : []),
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
# Debian: a2enmod auth_openidc headers mime dir alias setenvif${options.tls ? ' ssl' : ''}; a2ensite support-kb.
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
LogFormat "${ACCESS_LOG_FORMAT}" supportkb${
      options.eventLog
        ? `
# Usage events (README "Usage insights"): one JSON line per event with the time and the event's
# query string (which carries the page path) – no IP address, user agent, cookie, referrer or user.
# \`kb report\` reads ${options.eventLog} like nginx's log.
LogFormat "${EVENT_LOG_FORMAT}" kb_events`
        : ''
    }`,
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

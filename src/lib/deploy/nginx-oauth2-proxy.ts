/**
 * nginx + oauth2-proxy (`auth_request`) configuration with the same group-to-audience mapping as
 * the Apache one, for sites that run nginx. Generated from kb.config.ts `auth`; syntax-checked with
 * `nginx -t` in the tests, but the sign-in flow itself is tested with Apache only.
 */
import type { AuthConfig } from '../../schemas/auth.ts';
import { AUDIENCES, type Audience } from '../../schemas/vocabulary.ts';
import { EVENT_ENDPOINT } from '../usage/vocabulary.ts';
import { AUTH_PATHS, accessFor } from './mapping.ts';
import { SECURITY_HEADERS, cacheControl } from './security-headers.ts';

export interface NginxOptions {
  /** `listen` parameters, e.g. `443 ssl` or `127.0.0.1:8443`. */
  listen: string;
  tls?: { certificateFile: string; keyFile: string } | undefined;
  roots?: Partial<Record<Audience, string>> | undefined;
  /** Loopback port of the first oauth2-proxy; each build with sign-in gets the next one. */
  firstProxyPort: number;
  /** Files outside the repository: the client secret (one line) and the cookie secret (env file). */
  clientSecretFile: string;
  /** Usage-event log of all builds (`kb report` reads it), or undefined for no event endpoint. */
  eventLog?: string | undefined;
}

export const DEFAULT_NGINX_OPTIONS: NginxOptions = {
  listen: '443 ssl',
  tls: { certificateFile: '/etc/ssl/certs/support-kb.pem', keyFile: '/etc/ssl/private/support-kb.key' },
  firstProxyPort: 4181,
  clientSecretFile: '/etc/oauth2-proxy/support-kb-client-secret',
  eventLog: '/var/log/nginx/support-kb-events.log',
};

/** deploy/nginx.conf's event log format, character for character (a unit test compares them). */
export const NGINX_EVENT_LOG_FORMAT = `log_format kb_events escape=json '{"time":"$time_iso8601","args":"$args"}';`;

/**
 * The http-level part of the event endpoint, as in deploy/nginx.conf: the log format, no logging
 * with Global Privacy Control, the way back for the no-JavaScript links. Same names as there: include
 * one of the two files, not both.
 */
const EVENT_HTTP_LINES = [
  '# Usage events (README "Usage insights"): one JSON line per event with the time and the event\'s',
  '# query string (which carries the page path) – no IP address, user agent, cookie, referrer or user.',
  '# `kb report` reads this log. A request with `Sec-GPC: 1` (Global Privacy Control) is not logged.',
  NGINX_EVENT_LOG_FORMAT,
  'map $http_sec_gpc $kb_events_log {',
  '    "1"     0;',
  '    default 1;',
  '}',
  "# The way back for the no-JavaScript feedback links: the event's page path `p`, else the path of the",
  '# Referer, else "/" – only ever a path on this host.',
  'map $arg_p $kb_events_arg_path {',
  '    "~^/(?!/)[A-Za-z0-9._~/-]{0,300}$" $arg_p;',
  '    default                          "";',
  '}',
  'map "$kb_events_arg_path|$http_referer" $kb_events_back {',
  '    "~^(?<kb_p>/[^|]*)\\|"                                                      $kb_p;',
  '    "~^\\|https?://[^/?#]+(?<kb_r>/(?!/)[A-Za-z0-9._~/-]{0,300})(?:[?#].*)?$" $kb_r;',
  '    default                                                                     /;',
  '}',
  'map $arg_v $kb_events_thanks {',
  '    y       "#feedback-yes";',
  '    default "#danke";',
  '}',
  '# Without a session, only a page navigation (a feedback link) is sent to sign in; a beacon gets 401.',
  'map "$request_method:$http_sec_fetch_mode" $kb_events_signin {',
  '    "GET:navigate" 1;',
  '    default        0;',
  '}',
];

/** A value inside double quotes. */
function quotedValue(v: string): string {
  if (/["\\\n\r$]/.test(v)) throw new Error(`refusing to write ${JSON.stringify(v)} into the nginx configuration`);
  return v;
}

/** A bare word (host name, path). */
function value(v: string): string {
  if (/[^A-Za-z0-9_./:-]/.test(v)) throw new Error(`refusing to write ${JSON.stringify(v)} into the nginx configuration`);
  return v;
}

function signInAudiences(auth: AuthConfig): Audience[] {
  return AUDIENCES.filter((a) => accessFor(auth, a).kind !== 'public');
}

function proxyPort(auth: AuthConfig, audience: Audience, options: NginxOptions): number {
  return options.firstProxyPort + signInAudiences(auth).indexOf(audience);
}

function headers(indent: string, cache: string): string[] {
  return [
    `${indent}add_header Cache-Control "${cache}" always;`,
    ...Object.entries(SECURITY_HEADERS).map(([name, v]) => `${indent}add_header ${name} "${quotedValue(v)}" always;`),
  ];
}

/**
 * `/_kb/e` of one server block. `return` runs in nginx's rewrite phase, before `auth_request`, so the
 * endpoint itself only hands over (try_files, after the access check) to a named location that
 * answers: POST → 204, GET → 303 back to the page, other methods 405. A request that fails the
 * check is answered there and logged nowhere.
 */
function eventLocations(eventLog: string, signedIn: boolean): string[] {
  const noStore = headers('        ', 'no-store');
  return [
    signedIn
      ? '    # Usage events: answered and logged only after the sign-in check (auth_request) let them through.'
      : '    # Usage events (README "Usage insights").',
    `    location = ${EVENT_ENDPOINT} {`,
    '        access_log off;',
    ...noStore,
    ...(signedIn ? ['        error_page 401 = @kb_events_denied;'] : []),
    '        # No such file is in a build: always the named location below.',
    `        try_files ${EVENT_ENDPOINT}/.none @kb_events;`,
    '    }',
    '    location @kb_events {',
    `        access_log ${value(eventLog)} kb_events if=$kb_events_log;`,
    '        absolute_redirect off;',
    ...noStore,
    '        if ($request_method = GET) {',
    '            return 303 $kb_events_back$kb_events_thanks;',
    '        }',
    '        if ($request_method != POST) {',
    '            return 405;',
    '        }',
    '        return 204;',
    '    }',
    ...(signedIn
      ? [
          '    location @kb_events_denied {',
          '        access_log off;',
          ...noStore,
          '        if ($kb_events_signin) {',
          '            return 302 /oauth2/start?rd=$request_uri;',
          '        }',
          '        return 401;',
          '    }',
        ]
      : []),
  ];
}

function server(auth: AuthConfig, audience: Audience, options: NginxOptions): string {
  const host = value(auth.hosts[audience]);
  const root = value(options.roots?.[audience] ?? `${auth.webRoot}/${audience}`);
  const signedIn = accessFor(auth, audience).kind !== 'public';
  const revalidate = cacheControl('revalidate', signedIn);
  const asset = cacheControl('asset', signedIn);
  const scheme = options.tls ? 'https' : 'http';
  const port = signedIn ? proxyPort(auth, audience, options) : 0;
  const proxy = [
    `        proxy_pass http://127.0.0.1:${port};`,
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '        proxy_set_header X-Forwarded-Host $host;',
  ];
  return [
    `# ${audience} build${signedIn ? ` (sign-in through oauth2-proxy on 127.0.0.1:${port})` : ' (public on the intranet)'}`,
    'server {',
    `    listen ${options.listen};`,
    `    server_name ${host};`,
    `    root ${root};`,
    ...(options.tls
      ? [`    ssl_certificate ${value(options.tls.certificateFile)};`, `    ssl_certificate_key ${value(options.tls.keyFile)};`]
      : []),
    '    index index.html;',
    '    charset utf-8;',
    '    server_tokens off;',
    '    merge_slashes on;',
    ...(signedIn
      ? [
          '    # Every request is checked by oauth2-proxy first: 202 lets it through, 401 sends the',
          '    # browser to sign in, 403 (signed in, not in a group for this build) is answered as is.',
          '    auth_request /oauth2/auth;',
          '    error_page 401 = @signin;',
          '    location @signin {',
          '        return 302 /oauth2/start?rd=$request_uri;',
          '    }',
          '    location = /oauth2/auth {',
          '        internal;',
          '        auth_request off;',
          ...proxy,
          '        proxy_pass_request_body off;',
          '        proxy_set_header Content-Length "";',
          '        proxy_set_header X-Forwarded-Uri $request_uri;',
          '    }',
          '    location /oauth2/ {',
          '        auth_request off;',
          ...proxy,
          '        proxy_set_header X-Auth-Request-Redirect $request_uri;',
          ...headers('        ', revalidate),
          '    }',
          `    location = ${AUTH_PATHS.signOut} {`,
          '        auth_request off;',
          `        return 302 /oauth2/sign_out?rd=${encodeURIComponent(`${scheme}://${host}/`)};`,
          '    }',
        ]
      : []),
    ...(options.eventLog ? eventLocations(options.eventLog, signedIn) : []),
    '    location /_astro/ {',
    ...headers('        ', asset),
    '        try_files $uri =404;',
    '    }',
    '    location /pagefind/ {',
    ...headers('        ', revalidate),
    '        try_files $uri =404;',
    '    }',
    '    location ~* \\.ics$ {',
    '        types { }',
    '        default_type "text/calendar; charset=utf-8";',
    ...headers('        ', revalidate),
    '        try_files $uri =404;',
    '    }',
    '    location / {',
    ...headers('        ', revalidate),
    '        try_files $uri $uri/ =404;',
    '    }',
    '    error_page 404 /404.html;',
    '}',
  ].join('\n');
}

/** The nginx file (include inside `http { … }`, e.g. /etc/nginx/conf.d/support-kb.conf). */
export function nginxConfig(auth: AuthConfig, options: NginxOptions = DEFAULT_NGINX_OPTIONS): string {
  return `# Support KB – nginx + oauth2-proxy (auth_request): one server block per audience build.
# GENERATED by \`npm run kb -- deploy-config\` from kb.config.ts (auth); change that and regenerate.
# Not exercised by the sign-in tests (those run deploy/apache/); syntax-checked with nginx -t.
# Needs one oauth2-proxy per build with sign-in (oauth2-proxy-<audience>.cfg next to this file).

${options.eventLog ? `${EVENT_HTTP_LINES.join('\n')}\n\n` : ''}# Requests for any other host name (or none) get nothing.
server {
    listen ${options.listen} default_server;
    server_name _;
${options.tls ? `    ssl_certificate ${value(options.tls.certificateFile)};\n    ssl_certificate_key ${value(options.tls.keyFile)};\n` : ''}    return 444;
}

${AUDIENCES.map((a) => server(auth, a, options)).join('\n\n')}
`;
}

/** oauth2-proxy configuration per build with sign-in: file name → content. */
export function oauth2ProxyConfigs(auth: AuthConfig, options: NginxOptions = DEFAULT_NGINX_OPTIONS): Record<string, string> {
  const issuer = auth.provider.metadataUrl.replace(/\/\.well-known\/openid-configuration$/, '');
  const scheme = options.tls ? 'https' : 'http';
  const out: Record<string, string> = {};
  for (const audience of signInAudiences(auth)) {
    const access = accessFor(auth, audience);
    const q = (v: string) => `"${quotedValue(v)}"`;
    out[`oauth2-proxy-${audience}.cfg`] = [
      `# oauth2-proxy for the ${audience} build (${auth.hosts[audience]}).`,
      '# GENERATED by `npm run kb -- deploy-config` from kb.config.ts (auth); change that and regenerate.',
      `# Run: OAUTH2_PROXY_COOKIE_SECRET=<32 random bytes, base64> oauth2-proxy --config oauth2-proxy-${audience}.cfg`,
      '# (keep the cookie secret in a root-only environment file, e.g. systemd EnvironmentFile=).',
      'provider = "oidc"',
      `oidc_issuer_url = ${q(issuer)}`,
      `client_id = ${q(auth.provider.clientId)}`,
      `client_secret_file = ${q(options.clientSecretFile)}`,
      'code_challenge_method = "S256"',
      `scope = ${q(['openid', ...auth.provider.scopes.filter((s) => s !== 'openid')].join(' '))}`,
      `http_address = "127.0.0.1:${proxyPort(auth, audience, options)}"`,
      'reverse_proxy = true',
      `redirect_url = ${q(`${scheme}://${auth.hosts[audience]}/oauth2/callback`)}`,
      'upstreams = ["static://202"]',
      'email_domains = ["*"]',
      `oidc_groups_claim = ${q(auth.claim)}`,
      ...(access.kind === 'groups' ? [`allowed_groups = [${access.groups.map(q).join(', ')}]`] : []),
      `cookie_name = "_kb_${audience.replace('-', '_')}"`,
      `cookie_secure = ${options.tls ? 'true' : 'false'}`,
      'cookie_httponly = true',
      'cookie_samesite = "lax"',
      '# oauth2-proxy has no inactivity timeout; the cookie ends the session after auth.session.maxDuration.',
      `cookie_expire = "${auth.session.maxDuration}s"`,
      'skip_provider_button = true',
      'set_xauthrequest = false',
      'pass_access_token = false',
      '',
    ].join('\n');
  }
  return out;
}

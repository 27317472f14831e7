/**
 * The sign-in configuration: validation of kb.config.ts `auth`, the group-to-audience mapping, and
 * the generated web-server files (in sync with the repository, same headers as deploy/nginx.conf,
 * accepted by `nginx -t` and `apache2 -t`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import config from '../../kb.config.ts';
import { authSchema, parseDuration, type AuthConfigInput } from '../../src/schemas/auth.ts';
import { defineKbConfig } from '../../src/schemas/config.ts';
import { accessFor, readableAudiences } from '../../src/lib/deploy/mapping.ts';
import { EVENT_LOG_FORMAT, apacheConfig } from '../../src/lib/deploy/apache.ts';
import { NGINX_EVENT_LOG_FORMAT, nginxConfig, oauth2ProxyConfigs } from '../../src/lib/deploy/nginx-oauth2-proxy.ts';
import { parseEventLine } from '../../src/lib/usage/events.ts';
import { deployFiles } from '../../src/lib/deploy/files.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/lib/deploy/security-headers.ts';
import { nginxPath } from '../helpers/nginx.ts';
import { apachePath, freePort, openidcModulePath, readableTempDir, removeReadableTempDirs } from '../helpers/apache.ts';

const BASE: AuthConfigInput = {
  provider: { metadataUrl: 'https://login.example.org/tenant/v2.0/.well-known/openid-configuration', clientId: 'kb' },
  groups: { 'first-level': ['sd'], 'second-level': ['l2'] },
  hosts: { employee: 'kb.example.org', 'first-level': 'team.kb.example.org', 'second-level': 'l2.kb.example.org' },
};

function issues(input: unknown): string[] {
  const r = authSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('auth configuration', () => {
  it('fills defaults: public employee build, groups claim, 1 h idle / 8 h sessions', () => {
    const auth = authSchema.parse(BASE);
    expect(auth).toMatchObject({
      claim: 'groups',
      employee: 'public',
      webRoot: '/var/www/support-kb',
      session: { inactivity: 3600, maxDuration: 28800 },
    });
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('rejects bad input with the field named', () => {
    expect(issues({ ...BASE, groups: { 'first-level': [], 'second-level': ['l2'] } })).toEqual([
      'groups.first-level: name at least one group that may read the first-level build',
    ]);
    expect(issues({ ...BASE, groups: { 'first-level': ['sd"; Require all granted'], 'second-level': ['l2'] } })[0]).toMatch(
      /^groups\.first-level\.0: expected a group or role name/,
    );
    expect(issues({ ...BASE, hosts: { ...BASE.hosts, 'second-level': 'team.kb.example.org' } })).toEqual([
      'hosts: every build needs its own host name',
    ]);
    expect(issues({ ...BASE, hosts: { ...BASE.hosts, employee: 'https://kb.example.org/' } })[0]).toMatch(
      /^hosts\.employee: expected a lower-case host name/,
    );
    expect(issues({ ...BASE, groups: { 'first-level': ['sd', 'l2'], 'second-level': ['l2'] } })[0]).toMatch(
      /^groups\.first-level: l2 is also a second-level group/,
    );
    expect(issues({ ...BASE, groups: { ...BASE.groups, employee: ['all'] } })[0]).toMatch(
      /^groups\.employee: employee groups need employee: "sign-in"/,
    );
    expect(issues({ ...BASE, session: { inactivity: '5s' } })[0]).toMatch(/^session\.inactivity: expected a duration between 10 s/);
    expect(issues({ ...BASE, session: { inactivity: 'an hour' } })[0]).toMatch(/^session\.inactivity: expected a duration like/);
    expect(issues({ ...BASE, session: { inactivity: '2h', maxDuration: '1h' } })).toEqual([
      'session.maxDuration: must not be shorter than session.inactivity',
    ]);
    expect(issues({ ...BASE, provider: { ...BASE.provider, metadataUrl: 'https://login.example.org/' } })[0]).toMatch(
      /^provider\.metadataUrl: expected the discovery URL/,
    );
    expect(issues({ ...BASE, webRoot: '/var/www/../etc' })[0]).toMatch(/^webRoot: must not contain \.\./);
    expect(issues({ ...BASE, clientSecret: 'x' })[0]).toMatch(/clientSecret/);
    expect(() => defineKbConfig({ ...config, auth: { ...BASE, claim: 'groups claim' } } as never)).toThrow(
      /kb\.config\.ts is invalid:\n {2}- auth\.claim: /,
    );
  });

  it('maps groups to builds: second level implies first level', () => {
    const auth = authSchema.parse(BASE);
    expect(accessFor(auth, 'employee')).toEqual({ kind: 'public' });
    expect(accessFor(auth, 'first-level')).toEqual({ kind: 'groups', groups: ['sd', 'l2'] });
    expect(accessFor(auth, 'second-level')).toEqual({ kind: 'groups', groups: ['l2'] });
    expect(readableAudiences(auth, undefined)).toEqual(['employee']);
    expect(readableAudiences(auth, ['sd'])).toEqual(['employee', 'first-level']);
    expect(readableAudiences(auth, ['l2'])).toEqual(['employee', 'first-level', 'second-level']);
    const closed = authSchema.parse({ ...BASE, employee: 'sign-in' });
    expect(accessFor(closed, 'employee')).toEqual({ kind: 'signed-in' });
    expect(readableAudiences(closed, undefined)).toEqual([]);
    expect(readableAudiences(closed, [])).toEqual(['employee']);
    const listed = authSchema.parse({ ...BASE, employee: 'sign-in', groups: { ...BASE.groups, employee: ['staff'] } });
    expect(accessFor(listed, 'employee')).toEqual({ kind: 'groups', groups: ['staff', 'sd', 'l2'] });
  });
});

describe('generated web-server configuration', () => {
  afterAll(removeReadableTempDirs);
  const auth = authSchema.parse({ ...BASE, claim: 'roles' });

  it('is in sync with kb.config.ts (npm run kb -- deploy-config)', () => {
    for (const [path, content] of Object.entries(deployFiles(config.auth, config.usage.enabled))) {
      expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run kb -- deploy-config`).toBe(content);
    }
    expect(() => deployFiles(undefined, true)).toThrow(/no `auth` section/);
    const cli = spawnSync(process.execPath, ['scripts/kb.ts', 'deploy-config', '--check'], { encoding: 'utf8' });
    expect(cli.stdout + cli.stderr).toContain('deployment configuration is up to date');
    expect(cli.status).toBe(0);
  });

  it('puts the mapping into Apache Require lines and keeps secrets out', () => {
    const conf = apacheConfig(auth);
    const block = (host: string) =>
      conf.slice(conf.indexOf(`ServerName ${host}\n`), conf.indexOf('</VirtualHost>', conf.indexOf(`ServerName ${host}\n`)));
    expect(block('l2.kb.example.org').match(/Require .*/g)).toEqual(['Require claim roles:l2']);
    expect(block('team.kb.example.org').match(/Require .*/g)).toEqual(['Require claim roles:sd', 'Require claim roles:l2']);
    expect(block('kb.example.org')).toContain('Require all granted');
    expect(block('kb.example.org')).not.toContain('openid-connect');
    expect(conf).toContain('OIDCClientSecret "${KB_OIDC_CLIENT_SECRET}"');
    expect(conf).toContain('OIDCSessionInactivityTimeout 3600');
    expect(conf).toContain('OIDCSessionMaxDuration 28800');
    // Every host logs in the format without personal data, and nothing passes claims on.
    expect(conf.split('CustomLog "/var/log/apache2/support-kb-access.log" supportkb').length - 1).toBe(7);
    expect(conf).toContain('LogFormat "%{%Y-%m-%dT%H:%M:%S%z}t %v \\"%m %U\\" %>s %B" supportkb');
    expect(conf).toContain('OIDCPassClaimsAs none');
    // The first virtual host answers unknown host names, with nothing.
    expect(conf.slice(conf.indexOf('<VirtualHost'), conf.indexOf('</VirtualHost>'))).toContain('Require all denied');
  });

  it('sends the same security headers as deploy/nginx.conf', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    expect(nginx).toContain(`set $csp "${CONTENT_SECURITY_POLICY}";`);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (name !== 'Content-Security-Policy') expect(nginx).toContain(`add_header ${name} "${value}" always;`);
    }
    const apache = apacheConfig(auth);
    const proxy = nginxConfig(auth);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // Every virtual host (and every nginx location, which does not inherit add_header; the event
      // endpoint has two on the public host, three behind sign-in).
      expect(apache.split(`Header always set ${name} "${value}"`).length - 1).toBe(4);
      expect(proxy.split(`add_header ${name} "${value}" always;`).length - 1).toBe(4 + 2 * 5 + (2 + 2 * 3));
    }
  });

  it('nginx + oauth2-proxy: one proxy per build with sign-in, same groups', () => {
    const cfgs = oauth2ProxyConfigs(auth);
    expect(Object.keys(cfgs)).toEqual(['oauth2-proxy-first-level.cfg', 'oauth2-proxy-second-level.cfg']);
    expect(cfgs['oauth2-proxy-first-level.cfg']).toContain('allowed_groups = ["sd", "l2"]');
    expect(cfgs['oauth2-proxy-second-level.cfg']).toContain('allowed_groups = ["l2"]');
    expect(cfgs['oauth2-proxy-second-level.cfg']).toContain('oidc_groups_claim = "roles"');
    expect(cfgs['oauth2-proxy-second-level.cfg']).toContain('oidc_issuer_url = "https://login.example.org/tenant/v2.0"');
    expect(Object.values(cfgs).join('')).not.toMatch(/client_secret =|cookie_secret =/);
  });

  it.skipIf(!nginxPath())('nginx -t accepts the nginx + oauth2-proxy configuration', () => {
    const dir = readableTempDir('nginx-oauth2');
    mkdirSync(join(dir, 'tmp'));
    const server = nginxConfig(auth, { listen: '127.0.0.1:8443', firstProxyPort: 4181, clientSecretFile: '/dev/null', tls: undefined });
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;\n${server}\n}\n`,
    );
    const r = spawnSync(nginxPath()!, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!apachePath() || !openidcModulePath())('apache2 -t refuses to start without the secrets', () => {
    const dir = readableTempDir('apache-secrets');
    writeFileSync(join(dir, 'secrets.conf'), '# empty\n');
    const site = apacheConfig(auth, {
      listen: '127.0.0.1:8443',
      secretsFile: join(dir, 'secrets.conf'),
      accessLog: join(dir, 'access.log'),
      eventLog: join(dir, 'events.log'),
      roots: { employee: dir, 'first-level': dir, 'second-level': dir },
    });
    const mods = ['mpm_event', 'authn_core', 'authz_core', 'authz_user', 'auth_openidc', 'alias', 'dir', 'mime', 'headers', 'setenvif'];
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'apache2.conf'),
      `ServerRoot "${dir}"\nDefaultRuntimeDir "${dir}"\nPidFile "${dir}/pid"\nErrorLog "${dir}/error.log"\nListen 127.0.0.1:8443\nServerName localhost\n${mods.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}\nInclude "${dir}/site.conf"\n`,
    );
    const without = spawnSync(apachePath()!, ['-d', dir, '-f', join(dir, 'apache2.conf'), '-t'], { encoding: 'utf8' });
    expect(without.status).not.toBe(0);
    expect(without.stderr).toContain('KB_OIDC_CLIENT_SECRET is not defined');
    writeFileSync(join(dir, 'secrets.conf'), 'Define KB_OIDC_CLIENT_SECRET "s3cret"\nDefine KB_OIDC_CRYPTO_PASSPHRASE "passphrase"\n');
    const withSecrets = spawnSync(apachePath()!, ['-d', dir, '-f', join(dir, 'apache2.conf'), '-t'], { encoding: 'utf8' });
    expect(withSecrets.status, withSecrets.stderr).toBe(0);
  });

  it('the usage-event endpoint: same log line as deploy/nginx.conf, nothing about the person, behind sign-in', () => {
    const nginx = readFileSync('deploy/nginx.conf', 'utf8');
    const proxy = nginxConfig(auth);
    expect(nginx).toContain(NGINX_EVENT_LOG_FORMAT);
    expect(proxy).toContain(NGINX_EVENT_LOG_FORMAT);
    const format = proxy.match(/^log_format kb_events .*$/m)![0];
    for (const v of ['$remote_addr', '$http_user_agent', '$http_cookie', '$http_referer', '$remote_user', '$request', '$http_'])
      expect(format, v).not.toContain(v);
    const serverOf = (host: string) =>
      proxy.slice(proxy.indexOf(`server_name ${host};`), proxy.indexOf('\n}\n', proxy.indexOf(`server_name ${host};`)));
    for (const host of ['team.kb.example.org', 'l2.kb.example.org']) {
      const server = serverOf(host);
      // auth_request is set for the whole server and switched off only for oauth2-proxy's own paths.
      expect(server).toMatch(/^ {4}auth_request \/oauth2\/auth;$/m);
      const endpoint = server.slice(server.indexOf('location = /_kb/e {'), server.indexOf('location /_astro/'));
      expect(endpoint).not.toContain('auth_request off');
      // `return` would answer before auth_request (rewrite phase); the endpoint hands over with try_files.
      const exact = endpoint.slice(0, endpoint.indexOf('\n    }'));
      expect(exact).not.toContain('return');
      expect(exact).toContain('try_files /_kb/e/.none @kb_events;');
      expect(exact).toContain('access_log off;');
      expect(exact).toContain('error_page 401 = @kb_events_denied;');
      expect(endpoint).toContain('access_log /var/log/nginx/support-kb-events.log kb_events if=$kb_events_log;');
    }
    expect(serverOf('kb.example.org')).toContain('location @kb_events {');
    expect(serverOf('kb.example.org')).not.toContain('auth_request');
    // Apache: one event line format, only the time and the query string.
    const apache = apacheConfig(auth);
    expect(apache).toContain(`LogFormat "${EVENT_LOG_FORMAT}" kb_events`);
    expect(EVENT_LOG_FORMAT.replace(/%\{%[^}]*\}t|%\{KB_EVENT_ARGS\}e/g, '')).not.toContain('%');
    expect(apache.split(`CustomLog "/var/log/apache2/support-kb-events.log" kb_events`).length - 1).toBe(3);
    expect(apache.split(`OIDCUnAuthAction 401`).length - 1).toBe(2);
    // mod_alias applies a Redirect in a Location section while translating the URL, before the
    // sign-in check: the endpoint's answers sit in the Directory sections, none in a Location.
    for (const section of apache.match(/<Location(Match)? [^>]*>[\s\S]*?<\/Location(Match)?>/g)!) expect(section).not.toContain('Redirect');
    expect(apache.split(`<If "%{REQUEST_URI} == '/_kb/e' && %{REQUEST_METHOD} == 'POST'">\n            Redirect 204`).length - 1).toBe(3);
    // usage.enabled: false – no endpoint anywhere.
    const off = deployFiles(config.auth, false);
    for (const content of Object.values(off)) expect(content).not.toMatch(/kb_events|_kb\/e/);
  });

  it.skipIf(!nginxPath())('nginx + oauth2-proxy: /_kb/e answers and logs only what auth_request lets through', async () => {
    const dir = readableTempDir('nginx-events');
    mkdirSync(join(dir, 'tmp'));
    mkdirSync(join(dir, 'www'));
    // Stands in for oauth2-proxy's /oauth2/auth: 202 with the "signed in" cookie, 403 with the
    // "not in a group" cookie, else 401.
    const stub = createServer((req, res) => {
      const cookie = req.headers.cookie ?? '';
      res.writeHead(cookie.includes('s=ok') ? 202 : cookie.includes('s=other') ? 403 : 401).end();
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    const stubPort = (stub.address() as AddressInfo).port;
    const port = await freePort();
    const eventLog = join(dir, 'events.log');
    const server = nginxConfig(auth, {
      listen: `127.0.0.1:${port}`,
      firstProxyPort: stubPort - 1,
      clientSecretFile: '/dev/null',
      eventLog,
      roots: { employee: join(dir, 'www'), 'first-level': join(dir, 'www'), 'second-level': join(dir, 'www') },
    });
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log ${dir}/access.log;\n  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;\n${server}\n}\n`,
    );
    const proc = spawn(nginxPath()!, ['-c', conf, '-p', dir], { stdio: 'ignore' });
    try {
      const event = '/_kb/e?t=f&l=de&b=second-level&p=/artikel/x/&a=x&v=y';
      // node:http, because fetch does not let a test choose the Host header.
      const once = (method: string, headers: Record<string, string>) =>
        new Promise<{ status: number; location: string | undefined; cache: string | undefined }>((res, rej) => {
          const req = request({ host: '127.0.0.1', port, path: event, method, headers: { Host: 'l2.kb.example.org', ...headers } }, (r) => {
            r.resume();
            r.on('end', () =>
              res({ status: r.statusCode ?? 0, location: r.headers.location, cache: r.headers['cache-control'] as string | undefined }),
            );
          });
          req.on('error', rej);
          req.end();
        });
      const ask = async (method: string, headers: Record<string, string> = {}) => {
        for (let i = 0; ; i++) {
          try {
            return await once(method, headers);
          } catch (e) {
            if (i > 50) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      };
      // No session: a beacon gets 401, a page navigation is sent to sign in and comes back here.
      expect(await ask('POST')).toMatchObject({ status: 401, cache: 'no-store' });
      expect(await ask('GET')).toMatchObject({ status: 401 });
      const navigation = await ask('GET', { 'Sec-Fetch-Mode': 'navigate' });
      expect(navigation.status).toBe(302);
      expect(navigation.location?.replace(/^http:\/\/l2\.kb\.example\.org(:\d+)?/, '')).toBe(`/oauth2/start?rd=${event}`);
      expect(await ask('POST', { Cookie: 's=other' })).toMatchObject({ status: 403 });
      expect(readFileSync(join(dir, 'access.log'), 'utf8')).toBe('');
      expect(existsSync(eventLog) ? readFileSync(eventLog, 'utf8') : '').toBe('');
      // Signed in: 204 for the beacon, 303 back to the article for the link; GPC is not logged.
      expect(await ask('POST', { Cookie: 's=ok' })).toMatchObject({ status: 204, cache: 'no-store' });
      expect(await ask('GET', { Cookie: 's=ok' })).toMatchObject({ status: 303, location: '/artikel/x/#feedback-yes' });
      expect(await ask('POST', { Cookie: 's=ok', 'Sec-GPC': '1' })).toMatchObject({ status: 204 });
      await new Promise((r) => setTimeout(r, 200));
      const lines = readFileSync(eventLog, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(2);
      for (const l of lines) expect(parseEventLine(l)).toMatchObject({ kind: 'event', event: { t: 'f', a: 'x', v: 'y' } });
    } finally {
      proc.kill('SIGQUIT');
      stub.close();
    }
  });

  it('refuses values that would break out of the configuration', () => {
    const evil = { ...auth, hosts: { ...auth.hosts, employee: 'kb.example.org;\n}' } };
    expect(() => nginxConfig(evil)).toThrow(/refusing to write/);
    expect(() => apacheConfig({ ...auth, provider: { ...auth.provider, clientId: 'a"b' } })).toThrow(/refusing to write/);
  });
});

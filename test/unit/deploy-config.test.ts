/**
 * The sign-in configuration: validation of kb.config.ts `auth`, the group-to-audience mapping, and
 * the generated web-server files (in sync with the repository, same headers as deploy/nginx.conf,
 * accepted by `nginx -t` and `apache2 -t`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import config from '../../kb.config.ts';
import { authSchema, parseDuration, type AuthConfigInput } from '../../src/schemas/auth.ts';
import { defineKbConfig } from '../../src/schemas/config.ts';
import { accessFor, readableAudiences } from '../../src/lib/deploy/mapping.ts';
import { apacheConfig } from '../../src/lib/deploy/apache.ts';
import { nginxConfig, oauth2ProxyConfigs } from '../../src/lib/deploy/nginx-oauth2-proxy.ts';
import { deployFiles } from '../../src/lib/deploy/files.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/lib/deploy/security-headers.ts';
import { nginxPath } from '../helpers/nginx.ts';
import { apachePath, openidcModulePath, readableTempDir, removeReadableTempDirs } from '../helpers/apache.ts';

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
      roots: { employee: dir, 'first-level': dir, 'second-level': dir },
    });
    const mods = ['mpm_event', 'authn_core', 'authz_core', 'authz_user', 'auth_openidc', 'alias', 'dir', 'mime', 'headers'];
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

  it('refuses values that would break out of the configuration', () => {
    const evil = { ...auth, hosts: { ...auth.hosts, employee: 'kb.example.org;\n}' } };
    expect(() => nginxConfig(evil)).toThrow(/refusing to write/);
    expect(() => apacheConfig({ ...auth, provider: { ...auth.provider, clientId: 'a"b' } })).toThrow(/refusing to write/);
  });
});

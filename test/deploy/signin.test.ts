/**
 * Sign-in end to end: the generated Apache configuration (deploy/apache/, mod_auth_openidc) over
 * the three audience builds, one host per build, against a real OpenID Connect provider
 * (oidc-provider) on loopback; Chromium signs in through the authorization-code flow. Every file of
 * every build is requested without a session and with the session of each kind of user.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { apacheMissing, freePort, readableTempDir, removeReadableTempDirs, startApache, type RunningApache } from '../helpers/apache.ts';
import { startProvider, type TestProvider, type TestUser } from '../helpers/oidc-provider.ts';
import { authSchema, type AuthConfig, type AuthConfigInput } from '../../src/schemas/auth.ts';
import { apacheConfig } from '../../src/lib/deploy/apache.ts';
import { readableAudiences } from '../../src/lib/deploy/mapping.ts';
import { SECURITY_HEADERS } from '../../src/lib/deploy/security-headers.ts';
import { AUDIENCES, type Audience } from '../../src/schemas/vocabulary.ts';
import { parseEventLine } from '../../src/lib/usage/events.ts';
import { runReport } from '../../src/lib/usage/run.ts';
import { readKb } from '../../src/lib/kb-files.ts';
import config from '../../kb.config.ts';

const chromiumPath = inject('chromium');
const sampleSite = inject('sampleSite');
// Throws under CI=true when the packages are missing; otherwise prints why the tests are skipped.
const missing = chromiumPath && sampleSite ? apacheMissing() : 'no browser';

const HOSTS: Record<Audience, string> = { employee: 'kb.test', 'first-level': 'team.kb.test', 'second-level': 'l2.kb.test' };
const USERS: TestUser[] = [
  { login: 'emma.employee', groups: ['kb-employees'] },
  { login: 'fiona.first', groups: ['kb-employees', 'kb-first-level'] },
  { login: 'sam.second', groups: ['kb-second-level'] },
  { login: 'nora.nogroups' },
];
const AUTH_INPUT = (provider: TestProvider, session: AuthConfigInput['session']): AuthConfigInput => ({
  provider: { metadataUrl: provider.metadataUrl, clientId: provider.clientId, scopes: ['profile', 'groups'] },
  claim: 'groups',
  // The stricter mode: the employee build behind sign-in too (the public mode has a test of its own).
  employee: 'sign-in',
  groups: { employee: ['kb-employees'], 'first-level': ['kb-first-level'], 'second-level': ['kb-second-level'] },
  hosts: HOSTS,
  session,
});

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Every file of a build as the URL a reader would use (folders for index.html). */
function siteUrls(root: string): { url: string; file: string }[] {
  const out: { url: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const rel = relative(root, p).split('/').map(encodeURIComponent).join('/');
        out.push({ url: `/${rel.replace(/(^|\/)index\.html$/, '$1')}`, file: p });
      }
    }
  };
  walk(root);
  return out;
}

describe.skipIf(Boolean(missing))('sign-in deployment: Apache + mod_auth_openidc, oidc-provider, Chromium', () => {
  const roots = {} as Record<Audience, string>;
  const urls = {} as Record<Audience, { url: string; file: string }[]>;
  let port: number;
  let shortPort: number;
  let provider: TestProvider;
  let auth: AuthConfig;
  let apache: RunningApache;
  let shortApache: RunningApache;
  let publicPort: number;
  let publicApache: RunningApache;
  let browser: Browser;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });

  /** A raw GET to the test Apache: the path goes out exactly as written (no client normalisation). */
  function get(host: string, path: string, headers: Record<string, string> = {}, onPort = port): Promise<Response> {
    return new Promise((res, rej) => {
      const req = request(
        { host: '127.0.0.1', port: onPort, path, method: 'GET', agent, headers: { Host: `${host}:${onPort}`, ...headers } },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
          r.on('error', rej);
        },
      );
      req.on('error', rej);
      req.end();
    });
  }

  /** The raw response text of a GET on its own connection. */
  function rawGet(host: string, path: string, cookie: string): Promise<string> {
    return new Promise((res, rej) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => res(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', rej);
    });
  }

  /** Runs `fn` over `items` with a few requests in flight. */
  async function pool<T>(items: T[], fn: (item: T) => Promise<void>, size = 12): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: size }, async () => {
        while (next < items.length) await fn(items[next++]!);
      }),
    );
  }

  /** Not content: a redirect to the provider's sign-in, or 401/403 – and none of the file's bytes. */
  function expectNoContent(r: Response, file: string, what: string): void {
    const denied =
      r.status === 401 || r.status === 403 || (r.status === 302 && String(r.headers.location).startsWith(`${provider.issuer}/auth?`));
    expect(denied, `${what}: HTTP ${r.status} ${r.headers.location ?? ''}`).toBe(true);
    const bytes = readFileSync(file);
    expect(
      r.body.length < 2000 && !(bytes.length > 32 && r.body.includes(bytes.subarray(0, 64))),
      `${what}: staff bytes in the answer`,
    ).toBe(true);
  }

  async function newContext(): Promise<BrowserContext> {
    return browser.newContext();
  }

  /** Signs `login` in on `host` through the provider's form (or its existing session), returns the host's Cookie header. */
  async function signIn(
    context: BrowserContext,
    audience: Audience,
    login: string,
    onPort = port,
  ): Promise<{ page: Page; cookie: string }> {
    const page = await context.newPage();
    const origin = `http://${HOSTS[audience]}:${onPort}`;
    await page.goto(`${origin}/`);
    if (page.url().startsWith(provider.issuer)) {
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('any password');
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.origin === origin);
    }
    // Host-only cookies of this host (Playwright's URL filter would add the parent domain's too).
    const cookies = (await context.cookies(origin)).filter((c) => c.domain === HOSTS[audience]);
    expect(cookies.length, `no session cookie on ${origin} for ${login}`).toBeGreaterThan(0);
    return { page, cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  }

  beforeAll(async () => {
    // The global setup's build shows everything: it is the second-level build. Copied to where the
    // server's workers may read it.
    roots['second-level'] = join(readableTempDir('signin-second-level'), 'dist');
    cpSync(sampleSite, roots['second-level'], { recursive: true });
    for (const audience of ['employee', 'first-level'] as const) {
      const result = buildSite({ outDir: join(readableTempDir(`signin-${audience}`), 'dist'), env: { KB_AUDIENCE: audience } });
      if (result.status !== 0) throw new Error(`build for ${audience} failed:\n${result.output}`);
      roots[audience] = result.outDir;
    }
    for (const a of AUDIENCES) urls[a] = siteUrls(roots[a]);
    port = await freePort();
    shortPort = await freePort();
    const origins = [port, shortPort].flatMap((p) => AUDIENCES.map((a) => `http://${HOSTS[a]}:${p}`));
    provider = await startProvider({
      users: USERS,
      redirectUris: origins.map((o) => `${o}/oidc/callback`),
      postLogoutRedirectUris: origins.map((o) => `${o}/`),
    });
    const secrets = { KB_OIDC_CLIENT_SECRET: provider.clientSecret, KB_OIDC_CRYPTO_PASSPHRASE: randomBytes(32).toString('base64url') };
    auth = authSchema.parse(AUTH_INPUT(provider, { inactivity: '1h', maxDuration: '8h' }));
    apache = await startApache({
      port,
      secrets,
      siteConfig: (secretsFile, accessLog, eventLog) =>
        apacheConfig(auth, { listen: `127.0.0.1:${port}`, publicPort: port, secretsFile, accessLog, eventLog, roots }),
    });
    // A second instance of the same configuration with the shortest session the module allows.
    const shortAuth = authSchema.parse(AUTH_INPUT(provider, { inactivity: '10s', maxDuration: '1h' }));
    shortApache = await startApache({
      port: shortPort,
      secrets,
      siteConfig: (secretsFile, accessLog) =>
        apacheConfig(shortAuth, { listen: `127.0.0.1:${shortPort}`, publicPort: shortPort, secretsFile, accessLog, roots }),
    });
    // And the default mode: the employee build public on the intranet, the staff builds behind sign-in.
    publicPort = await freePort();
    const publicAuth = authSchema.parse({
      ...AUTH_INPUT(provider, undefined),
      employee: 'public',
      groups: { 'first-level': ['kb-first-level'], 'second-level': ['kb-second-level'] },
    });
    publicApache = await startApache({
      port: publicPort,
      secrets,
      siteConfig: (secretsFile, accessLog) =>
        apacheConfig(publicAuth, { listen: `127.0.0.1:${publicPort}`, publicPort, secretsFile, accessLog, roots }),
    });
    browser = await playwright.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP *.kb.test 127.0.0.1, MAP kb.test 127.0.0.1'],
    });
  }, 600_000);

  afterAll(async () => {
    agent.destroy();
    for (const c of contexts) await c.close();
    await browser?.close();
    await apache?.stop();
    await shortApache?.stop();
    await publicApache?.stop();
    await provider?.stop();
    removeReadableTempDirs();
  });

  /** Each user's session cookie per host, from signing in with Chromium. */
  const sessions = new Map<string, Record<Audience, string>>();
  const contexts: BrowserContext[] = [];

  it('without a session, every URL of every build is sent to sign-in, never content', async () => {
    let requested = 0;
    for (const audience of AUDIENCES) {
      await pool(urls[audience], async ({ url, file }) => {
        // As a browser asks (sent to sign-in) and as a script asks (401).
        expectNoContent(await get(HOSTS[audience], url, { Accept: BROWSER_ACCEPT }), file, `${HOSTS[audience]}${url} without a session`);
        const script = await get(HOSTS[audience], url);
        expect(script.status, `${url} for a script`).toBe(401);
        expectNoContent(script, file, `${HOSTS[audience]}${url} without a session, for a script`);
        requested++;
      });
    }
    expect(requested).toBe(AUDIENCES.reduce((n, a) => n + urls[a].length, 0));
    // Pages, search index, calendar feeds, schemas and JSON data were all among them.
    const all = AUDIENCES.flatMap((a) => urls[a].map((u) => u.url));
    for (const kind of [/\/$/, /^\/pagefind\//, /\.ics$/, /\.json$/])
      expect(
        all.some((u) => kind.test(u)),
        String(kind),
      ).toBe(true);
  });

  it('each user reads exactly the builds their groups allow: every URL, every build', async () => {
    for (const user of USERS) {
      const context = await newContext();
      contexts.push(context);
      const cookies = {} as Record<Audience, string>;
      for (const audience of AUDIENCES) cookies[audience] = (await signIn(context, audience, user.login)).cookie;
      sessions.set(user.login, cookies);
    }
    const expected: Record<string, Audience[]> = {
      'emma.employee': ['employee'],
      'fiona.first': ['employee', 'first-level'],
      'sam.second': ['employee', 'first-level', 'second-level'],
      'nora.nogroups': [],
    };
    for (const user of USERS) {
      // The test's expectation and the mapping the configuration was generated from agree.
      expect(readableAudiences(auth, user.groups)).toEqual(expected[user.login]);
      for (const audience of AUDIENCES) {
        const allowed = expected[user.login]!.includes(audience);
        const cookie = sessions.get(user.login)![audience];
        const statuses: Record<number, number> = {};
        await pool(urls[audience], async ({ url, file }) => {
          const r = await get(HOSTS[audience], url, { Cookie: cookie });
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          const what = `${user.login} ${HOSTS[audience]}${url}`;
          if (allowed) {
            if (r.status === 200) expect(r.body.equals(readFileSync(file)), `${what}: not the file's bytes`).toBe(true);
          } else {
            expectNoContent(r, file, what);
          }
        });
        // Allowed: every file; not allowed: 403 for every file (signed in, but not in a group for this build).
        expect(statuses, `${user.login} on ${HOSTS[audience]}`).toEqual({ [allowed ? 200 : 403]: urls[audience].length });
      }
    }
  });

  it('with employee: public, the employee build is open and the staff builds still are not', async () => {
    await pool(urls.employee, async ({ url, file }) => {
      const r = await get(HOSTS.employee, url, {}, publicPort);
      expect(r.status, url).toBe(200);
      expect(r.body.equals(readFileSync(file)), `${url}: not the file's bytes`).toBe(true);
    });
    const page = await get(HOSTS.employee, '/', {}, publicPort);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    for (const audience of ['first-level', 'second-level'] as const) {
      await pool(urls[audience], async ({ url, file }) => {
        expectNoContent(
          await get(HOSTS[audience], url, { Accept: BROWSER_ACCEPT }, publicPort),
          file,
          `${HOSTS[audience]}${url} (public mode)`,
        );
      });
    }
  });

  it('sends the security headers and private caching behind sign-in', async () => {
    const cookie = sessions.get('sam.second')!['second-level'];
    const page = await get(HOSTS['second-level'], '/artikel/konto-gesperrt/', { Cookie: cookie });
    expect(page.status).toBe(200);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(page.headers[name.toLowerCase()], name).toBe(value);
    expect(page.headers['cache-control']).toBe('private, no-cache');
    const css = page.body.toString().match(/href="(\/_astro\/[^"]+\.css)"/)![1]!;
    expect((await get(HOSTS['second-level'], css, { Cookie: cookie })).headers['cache-control']).toBe(
      'private, max-age=31536000, immutable',
    );
    const ics = urls['second-level'].find((u) => u.url.endsWith('.ics'))!;
    expect((await get(HOSTS['second-level'], ics.url, { Cookie: cookie })).headers['content-type']).toContain('text/calendar');
    const redirect = await get(HOSTS['second-level'], '/', { Accept: BROWSER_ACCEPT });
    expect(redirect.status).toBe(302);
    expect(redirect.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect((await get('unknown.example', '/')).status).toBe(403);
  });

  it('forged identity headers and cookies change nothing', async () => {
    const forged = {
      'X-Remote-User': 'sam.second',
      'Remote-User': 'sam.second',
      'X-Forwarded-User': 'sam.second',
      'X-Forwarded-Groups': 'kb-second-level',
      'X-Forwarded-Host': HOSTS['first-level'],
      'X-Original-URL': '/',
      OIDC_CLAIM_groups: 'kb-second-level',
      'OIDC-CLAIM-groups': 'kb-second-level',
      'X-Auth-Request-Groups': 'kb-second-level',
      Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsia2Itc2Vjb25kLWxldmVsIl19.',
    };
    const fiona = sessions.get('fiona.first')!;
    const cases: [string, Record<string, string>][] = [
      ['no session', forged],
      ['junk session cookie', { ...forged, Cookie: `mod_auth_openidc_session=${randomBytes(24).toString('hex')}` }],
      ['first-level session', { ...forged, Cookie: fiona['second-level'] }],
      // A first-level user's session from the first-level host, replayed on the second-level host.
      ['first-level session of the other host', { ...forged, Cookie: fiona['first-level'] }],
      ['employee session of the other host', { ...forged, Cookie: fiona.employee }],
    ];
    for (const [label, headers] of cases) {
      await pool(urls['second-level'], async ({ url, file }) => {
        expectNoContent(await get(HOSTS['second-level'], url, { Accept: BROWSER_ACCEPT, ...headers }), file, `${label}: ${url}`);
      });
    }
  });

  it('path and host tricks never reach another build', async () => {
    const tricks = (from: Audience, to: Audience, cookie: string) => {
      // Files only the target build has, and how to reach its folder from the source build's root.
      const only = urls[to].filter((u) => u.url.endsWith('/') && !existsSync(join(roots[from], relative(roots[to], u.file))));
      expect(only.length, `${to} has pages ${from} lacks`).toBeGreaterThan(0);
      const target = only.find((u) => u.url.startsWith('/artikel/')) ?? only[0]!;
      const up = relative(roots[from], roots[to]);
      const file = relative(roots[to], target.file);
      const paths = [
        `/${up}/${file}`,
        `/l2/../${up}/${file}`,
        `/team/../${up}/${file}`,
        `/${up.replaceAll('..', '%2e%2e')}/${file}`,
        `/${up.replaceAll('..', '%2E%2E')}/${file}`,
        `/${up.replaceAll('/', '%2f')}%2f${file.replaceAll('/', '%2f')}`,
        `/${up.replaceAll('..', '%252e%252e')}/${file}`,
        `//${up.replaceAll('/', '//')}//${file}`,
        `/./${up}/./${file}`,
        `/${up.replaceAll('/', '\\')}\\${file.replaceAll('/', '\\')}`,
        `/${target.url.slice(1).toUpperCase()}`,
        `http://${HOSTS[to]}:${port}${target.url}`,
      ];
      const hosts = [HOSTS[from], HOSTS[to].toUpperCase(), `${HOSTS[to]}.`, `${HOSTS[from]}@${HOSTS[to]}`];
      return { target, paths, hosts, cookie };
    };
    const title = (file: string) => readFileSync(file, 'utf8').match(/<title>[^<]+<\/title>/)![0];
    for (const [from, to, user] of [
      ['first-level', 'second-level', 'fiona.first'],
      ['employee', 'first-level', 'emma.employee'],
      ['employee', 'second-level', 'emma.employee'],
    ] as const) {
      const t = tricks(from, to, sessions.get(user)![from]);
      const marker = title(t.target.file);
      // The marker does show where it is allowed (so its absence below means something).
      const allowedCookie = sessions.get('sam.second')![to];
      expect((await get(HOSTS[to], t.target.url, { Cookie: allowedCookie })).body.toString()).toContain(marker);
      for (const host of t.hosts) {
        for (const path of [...t.paths, t.target.url]) {
          const r = await get(host, path, { Cookie: t.cookie }).catch((e: Error) => ({
            status: 0,
            headers: {},
            body: Buffer.from(e.message),
          }));
          expect(r.body.toString().includes(marker), `${user} Host ${host} GET ${path}: HTTP ${r.status} with ${to} content`).toBe(false);
        }
      }
    }
  });

  it('search, a decision tree and a quiz work after sign-in under the CSP', async () => {
    const context = await newContext();
    const { page } = await signIn(context, 'first-level', 'fiona.first');
    const origin = `http://${HOSTS['first-level']}:${port}`;
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${origin}/suche/?q=0x80070005`);
    await page.locator('.search-result-title a').first().waitFor();
    // The matching article is second-level content: the first-level build finds others, not it.
    const hrefs = await page.locator('.search-result-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs).not.toContain('/artikel/windows-update-0x80070005/');
    await page.goto(`${origin}/diagnose/drucker-druckt-nicht/`);
    const before = await page.locator('.tree-node[data-current] h2').textContent();
    await page.locator('.tree-node[data-current] a[data-choice]').first().click();
    await expect(page.locator('.tree-node[data-current] h2').textContent()).resolves.not.toBe(before);
    await page.goto(`${origin}/schulungen/phishing-erkennen/`);
    const quiz = page.locator('[data-quiz]');
    await quiz.locator('input').first().check();
    await quiz.getByRole('button', { name: 'Auswerten' }).click();
    await expect(quiz.getByRole('status').textContent()).resolves.toMatch(/von \d+ richtig/);
    expect(violations).toEqual([]);
    await context.close();
  });

  /** The event log's lines so far (src/lib/deploy/apache.ts, LogFormat kb_events). */
  const eventLines = () => apache.eventLog().split('\n').filter(Boolean);
  /** Waits (up to 10 s) until `n` lines after the first `from` pass `filter`. */
  const waitForEventLines = async (from: number, n: number, filter: (l: string) => boolean = () => true) => {
    for (let i = 0; i < 100 && eventLines().slice(from).filter(filter).length < n; i++) await new Promise((r) => setTimeout(r, 100));
  };

  /** A request on its own connection, its request line byte for byte as given; resolves to the status. */
  function rawRequest(method: string, host: string, path: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((res, rej) => {
      const socket = connect(port, '127.0.0.1', () => {
        const head = Object.entries({ Host: `${host}:${port}`, 'Content-Length': '0', Connection: 'close', ...headers })
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        socket.write(Buffer.concat([Buffer.from(`${method} `), Buffer.from(path), Buffer.from(` HTTP/1.1\r\n${head}\r\n`)]));
      });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => res(Number(/^HTTP\/1\.1 (\d{3}) /.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 0)));
      socket.on('error', rej);
    });
  }

  /** What navigator.sendBeacon sends besides the cookie. */
  const BEACON = { 'Content-Type': 'text/plain;charset=UTF-8', Accept: '*/*', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'empty' };
  const vote = (audience: Audience) => `/_kb/e?t=f&l=de&b=${audience}&p=/artikel/konto-gesperrt/&a=konto-gesperrt&v=y`;

  it('the event endpoint takes events only from signed-in sessions allowed on the build', async () => {
    const before = eventLines().length;
    const junk = `mod_auth_openidc_session=${randomBytes(24).toString('hex')}`;
    for (const audience of AUDIENCES) {
      const host = HOSTS[audience];
      // No session: a beacon or a script gets 401, not a sign-in redirect it could not follow.
      expect(await rawRequest('POST', host, vote(audience), BEACON), `${host} beacon`).toBe(401);
      expect(await rawRequest('POST', host, vote(audience), { ...BEACON, Cookie: junk }), `${host} junk cookie`).toBe(401);
      expect((await get(host, vote(audience))).status, `${host} GET by a script`).toBe(401);
      // The no-JavaScript "Ja" link is a page navigation: sent to sign in, and back to the link after.
      const link = await get(host, vote(audience), { Accept: BROWSER_ACCEPT, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' });
      expect(link.status, `${host} link`).toBe(302);
      expect(link.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
      // Signed in, but not in a group for this build: 403.
      expect(await rawRequest('POST', host, vote(audience), { ...BEACON, Cookie: sessions.get('nora.nogroups')![audience] })).toBe(403);
    }
    for (const audience of ['first-level', 'second-level'] as const) {
      const cookie = sessions.get('emma.employee')![audience];
      expect(await rawRequest('POST', HOSTS[audience], vote(audience), { ...BEACON, Cookie: cookie }), `employee on ${audience}`).toBe(403);
      expect((await get(HOSTS[audience], vote(audience), { Cookie: cookie })).status).toBe(403);
    }
    // Allowed, but Global Privacy Control: answered, not recorded.
    const sam = sessions.get('sam.second')!['second-level'];
    expect(await rawRequest('POST', HOSTS['second-level'], vote('second-level'), { ...BEACON, Cookie: sam, 'Sec-GPC': '1' })).toBe(204);
    // The no-JavaScript link, signed in: back to the article's thank-you panel, never cached.
    const back = await get(HOSTS['second-level'], vote('second-level'), { Cookie: sam, 'Sec-GPC': '1' });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(`http://${HOSTS['second-level']}:${port}/artikel/konto-gesperrt/?#feedback-yes`);
    expect(back.headers['cache-control']).toBe('no-store');
    // Other methods: 405.
    expect(await rawRequest('PUT', HOSTS['second-level'], vote('second-level'), { Cookie: sam })).toBe(405);
    await new Promise((r) => setTimeout(r, 500));
    expect(eventLines().length, 'event lines written for refused requests').toBe(before);
  });

  it('a signed-in search and "helpful" vote in Chromium land in the event log, without personal data, and kb report counts them', async () => {
    const before = eventLines().length;
    const sam = contexts[USERS.findIndex((u) => u.login === 'sam.second')]!;
    const page = await sam.newPage();
    const origin = `http://${HOSTS['second-level']}:${port}`;
    // One search, its first article clicked (the search event goes out with the click)…
    await page.goto(`${origin}/suche/?q=drucker`);
    const result = page.locator('.search-results .search-result-title a[href^="/artikel/"]').first();
    await result.waitFor();
    const href = (await result.getAttribute('href'))!;
    const id = href.split('/')[2]!;
    await result.click();
    await page.waitForURL((u) => u.pathname === href);
    // …and "Ja" on that article: Apache records it and sends the browser back to the thank-you panel.
    await page.getByRole('link', { name: 'Ja', exact: true }).click();
    await page.waitForURL(/#feedback-yes$/);
    expect(new URL(page.url()).pathname).toBe(href);
    await expect(page.locator('#feedback-yes').isVisible()).resolves.toBe(true);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    await page.close();
    await waitForEventLines(before, 2, (l) => /"args":"t=[sf]&/.test(l));

    const added = eventLines().slice(before);
    const parsed = added.map((l) => parseEventLine(l));
    for (const [i, p] of parsed.entries()) expect(p.kind, added[i]).toBe('event');
    const events = parsed.flatMap((p) => (p.kind === 'event' ? [p.event] : []));
    expect(events.filter((e) => e.t === 's')).toEqual([
      expect.objectContaining({ q: 'drucker', b: 'second-level', p: '/suche/', id, k: expect.any(Number) }),
    ]);
    expect(events.filter((e) => e.t === 'f')).toEqual([expect.objectContaining({ a: id, v: 'y', b: 'second-level', p: href })]);

    // The log holds the time and the event, nothing about who sent it.
    const log = apache.eventLog();
    const cookies = (await sam.cookies()).map((c) => c.value).filter((v) => v.length >= 8);
    expect(cookies.length).toBeGreaterThan(0);
    for (const secret of [
      '127.0.0.1',
      userAgent,
      'Mozilla',
      'HeadlessChrome',
      'mod_auth_openidc',
      ...USERS.map((u) => u.login),
      ...cookies,
    ])
      expect(log, secret).not.toContain(secret);
    for (const line of log.trim().split('\n')) expect(Object.keys(JSON.parse(line) as object)).toEqual(['time', 'args']);

    // kb report reads Apache's log as it reads nginx's: every line counted (the earlier tests' search,
    // tree and quiz events included), this vote and this search among them.
    const { report } = await runReport({ files: [apache.eventLogFile], minQueryCount: 1, kb: readKb('content', config) });
    expect(report.lines).toEqual({ counted: eventLines().length, ignored: 0, rejected: 0 });
    expect(report.articles.find((a) => a.id === id)).toMatchObject({ helpful: 1, notHelpful: 0 });
    expect(report.searches.top.find((r) => r.query === 'drucker')).toMatchObject({ count: 1, noClick: 0 });
  });

  it('hostile event requests cannot break or forge a line of the event log', async () => {
    const before = eventLines().length;
    const cookie = sessions.get('sam.second')!['second-level'];
    const host = HOSTS['second-level'];
    const base = '/_kb/e?t=s&l=de&b=second-level&p=/suche/&n=1&q=';
    const forged = `${base}"},{"time":"2026-01-01T00:00:00Z","args":"t=f&l=de&b=second-level&p=/&a=konto-gesperrt&v=n&r=other"}`;
    const accepted: (string | Buffer)[] = [
      forged,
      `${base}\\"\\\\</script><script>alert(1)</script>`,
      `${base}%22%5C%3C%2Fscript%3E%0A%0D%00%1B`,
      Buffer.from(`${base}drücker\u2028`, 'utf8'),
      `${base}${'A'.repeat(7000)}`,
    ];
    for (const path of accepted) expect(await rawRequest('POST', host, path, { ...BEACON, Cookie: cookie })).toBe(204);
    // Raw control characters: refused by Apache's request parser; 10 KB: over LimitRequestLine.
    expect(await rawRequest('POST', host, Buffer.from(`${base}a\x01b`), { Cookie: cookie })).toBe(400);
    expect(await rawRequest('POST', host, Buffer.from(`${base}a\tb`), { Cookie: cookie })).toBe(400);
    expect(await rawRequest('POST', host, `${base}${'A'.repeat(10_240)}`, { Cookie: cookie })).toBe(414);
    await waitForEventLines(before, accepted.length);
    await new Promise((r) => setTimeout(r, 300));
    const added = eventLines().slice(before);
    // One line per accepted request: none split, none added, each with Apache's own time.
    expect(added).toHaveLength(accepted.length);
    for (const line of added) expect(line).toMatch(/^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}","args":".*"\}$/);
    expect(added.join('\n')).not.toContain('"time":"2026-01-01');
    // Quotes and backslashes come back exactly; raw bytes (\xhh) make a line that is rejected.
    const args = added.flatMap((l) => {
      try {
        return [(JSON.parse(l) as { args: string }).args];
      } catch {
        return [];
      }
    });
    expect(args).toContain(forged.split('?')[1]);
    const results = added.map((l) => parseEventLine(l));
    expect(results.filter((r) => r.kind === 'event' && r.event.t !== 's')).toEqual([]);
    expect(results.filter((r) => r.kind === 'rejected').length).toBeGreaterThanOrEqual(3);
    const { report, rejections } = await runReport({ files: [apache.eventLogFile], minQueryCount: 1, kb: readKb('content', config) });
    expect(report.lines.rejected).toBe(results.filter((r) => r.kind === 'rejected').length);
    expect(rejections.map((r) => JSON.stringify(r)).join('\n')).not.toMatch(/script|AAAA|konto-gesperrt/);
    // The forged "not helpful" vote was never counted.
    expect(report.articles.find((a) => a.id === 'konto-gesperrt')?.notHelpful ?? 0).toBe(0);
  });

  it('sign-out ends the session, here and at the provider', async () => {
    const context = await newContext();
    const { page, cookie } = await signIn(context, 'second-level', 'sam.second');
    const origin = `http://${HOSTS['second-level']}:${port}`;
    expect((await get(HOSTS['second-level'], '/', { Cookie: cookie })).status).toBe(200);
    // The sign-out endpoint sends nobody off-site.
    // (Read raw: mod_auth_openidc's error page here is followed by Apache's 400 page on the same
    // response, which Node's HTTP parser rejects.)
    const evil = await rawGet(HOSTS['second-level'], `/oidc/callback?logout=${encodeURIComponent('https://evil.example/')}`, cookie);
    expect(evil).toContain('Invalid Request');
    expect(evil).not.toMatch(/^HTTP\/1\.1 3\d\d /);
    expect(evil).not.toMatch(/^location:/im);
    expect((await get(HOSTS['second-level'], '/', { Cookie: cookie })).status).toBe(200);
    await page.goto(`${origin}/oidc/signout`);
    // The provider asks whether to end its session too.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    // Back on the site, which sends the browser to sign in again: the provider wants the password.
    await page.locator('input[name="login"]').waitFor();
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    const after = await get(HOSTS['second-level'], '/', { Cookie: cookie, Accept: BROWSER_ACCEPT });
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
    await context.close();
  });

  it('a session idle for longer than the inactivity timeout is sent to sign-in again', async () => {
    const context = await newContext();
    const { cookie } = await signIn(context, 'second-level', 'sam.second', shortPort);
    const fresh = await get(HOSTS['second-level'], '/', { Cookie: cookie }, shortPort);
    expect(fresh.status).toBe(200);
    await new Promise((r) => setTimeout(r, 11_500));
    const idle = await get(HOSTS['second-level'], '/', { Cookie: cookie, Accept: BROWSER_ACCEPT }, shortPort);
    expect(idle.status).toBe(302);
    expect(idle.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
    await context.close();
  }, 60_000);

  it('the access log records requests without IP address, user, user agent, cookies or search terms', () => {
    const log = apache.accessLog();
    const lines = log.trim().split('\n');
    // Thousands of requests above, each one line: time, host, method, path, status, bytes.
    expect(lines.length).toBeGreaterThan(1000);
    expect(
      lines.some((l) => /^\S+ l2\.kb\.test "GET \/suche\/" 302 \d+$/.test(l) || /^\S+ team\.kb\.test "GET \/suche\/" 200 \d+$/.test(l)),
    ).toBe(true);
    // The event endpoint is not in the builds' access log (its own log has the events); requests
    // Apache refuses before it reads the Host header (400, 414 above) land on the first host, path only.
    expect(lines.filter((l) => l.includes('/_kb/e') && !/^\S+ unknown-host\.invalid "POST \/_kb\/e" 400 \d+$/.test(l))).toEqual([]);
    for (const secret of [
      '127.0.0.1',
      ...USERS.map((u) => u.login),
      'Chrome',
      'Mozilla',
      'mod_auth_openidc_session',
      'q=0x80070005',
      'code=',
      'state=',
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});

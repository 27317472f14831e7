/**
 * Author feedback in `astro dev`: an invalid edit shows as an error page in the browser, naming the
 * file and the field, instead of the last valid version with the error only in the terminal.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../helpers/build.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const chromium = inject('chromium');

describe.skipIf(!chromium)('content errors in the dev server', () => {
  let dev: ChildProcess;
  let browser: Browser;
  let url: string;
  let content: string;
  let log = '';

  beforeAll(async () => {
    // Outside the project: files under test/.tmp are not watched by the dev server.
    content = join(mkdtempSync(join(tmpdir(), 'kb-dev-')), 'content');
    cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dev = spawn(join(ROOT, 'node_modules/.bin/astro'), ['dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: ROOT,
      // Without vitest's own variables: with VITEST set, astro dev serves nothing but 404s.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')),
        KB_CONTENT_DIR: content,
        KB_CACHE_DIR: join(content, '..', '.astro-cache'),
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
      },
      stdio: 'pipe',
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`astro dev did not start:\n${log}`)), 90_000);
      const onData = (d: Buffer) => {
        log += d.toString();
        if (log.includes(`127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      dev.stdout!.on('data', onData);
      dev.stderr!.on('data', onData);
    });
    browser = await launchBrowser(chromium);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    dev?.kill('SIGTERM');
  });

  it('shows an invalid training session on the page itself, with file and field', async () => {
    const page = await browser.newPage();
    const target = `${url}/schulungen/drucken-grundlagen/`;
    // The first request waits for the content layer's first sync.
    let status = 0;
    for (let i = 0; i < 120 && status !== 200; i++) {
      status = (await fetch(target)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status, log).toBe(200);
    await page.goto(target);
    await page.getByText('Drucken für Einsteiger').first().waitFor({ state: 'visible', timeout: 30_000 });
    const file = join(content, 'training/drucken-grundlagen.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('capacity: 12', 'capacity: zwölf'));
    await new Promise((r) => setTimeout(r, 1500));
    await page.goto(target);
    // Astro's error overlay (in a shadow root; the locator pierces it) names file and field.
    await page
      .getByText(/drucken-grundlagen\.mdx\s+sessions\.1\.capacity/)
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.close();
  }, 90_000);
});

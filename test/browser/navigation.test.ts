/**
 * Browser tests against the built sample KB: navigation a person would do, the phone layout,
 * keyboard access and dark mode. Skipped (with a clear line) where Chromium is missing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { serveDir, type StaticServer } from '../helpers/server.ts';
import { TMP } from '../helpers/build.ts';

const chromium = inject('chromium');
const site = inject('sampleSite');
const SHOTS = join(TMP, 'screenshots');
if (process.env.CI === 'true' && (!chromium || !site)) {
  throw new Error('CI=true but the browser tests have no Chromium or no built sample site (run with test/vitest.config.ts)');
}

describe.skipIf(!chromium || !site)('sample KB in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveDir(site);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> {
    const page = await browser.newPage(options);
    await page.goto(server.url + path);
    return page;
  }

  it('navigates home → category → article', async () => {
    const page = await open('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Wie können wir helfen?');
    await page.getByRole('link', { name: 'Konto & Anmeldung' }).first().click();
    await page.waitForURL('**/kategorien/konto/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Konto & Anmeldung');
    const link = page.locator('main a[href="/artikel/konto-gesperrt/"]');
    const title = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL('**/artikel/konto-gesperrt/');
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    await expect(page.getByRole('heading', { level: 2, name: 'Lösung' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Angaben zum Artikel' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'article-desktop.png'), fullPage: true });
    await page.close();
  });

  it('offers the three entry points on the home page', async () => {
    const page = await open('/');
    for (const name of ['Ich habe ein Problem', 'Diagnose starten', 'Schulungen']) {
      const link = page.locator('.entry-points').getByRole('link', { name, exact: true });
      await expect(link.count()).resolves.toBe(1);
      const href = await link.getAttribute('href');
      const res = await page.request.get(server.url + href);
      expect(res.status(), `${name} → ${href}`).toBe(200);
    }
    await page.screenshot({ path: join(SHOTS, 'home-desktop.png'), fullPage: true });
    await page.close();
  });

  it('lays the article page out for a phone without horizontal scrolling', async () => {
    const page = await open('/artikel/konto-gesperrt/', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    const h1 = await page.locator('h1').boundingBox();
    expect(h1!.width).toBeLessThanOrEqual(390);
    await expect(page.getByRole('heading', { name: 'Angaben zum Artikel' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'article-phone.png'), fullPage: true });
    await page.close();
  });

  it('starts keyboard users with a working skip link', async () => {
    const page = await open('/artikel/konto-gesperrt/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.close();
  });

  it('switches to dark colours when the system prefers them', async () => {
    const page = await open('/', { colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(15, 20, 27)');
    await page.screenshot({ path: join(SHOTS, 'home-dark-phone.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'home-dark-phone.png'), fullPage: true });
    await page.close();
  });

  it('shows English articles with an English interface', async () => {
    const page = await open('/en/');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('link', { name: 'Categories' }).first().click();
    await page.waitForURL('**/en/categories/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Categories');
    await page.close();
  });

  it('serves a helpful 404 page', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/artikel/gibt-es-nicht/`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Seite nicht gefunden');
    await page.close();
  });
});

describe.skipIf(!chromium || !site)('search in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveDir(site);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const resultLinks = (page: Page) => page.locator('.pf-result-link');
  async function hrefs(page: Page) {
    await resultLinks(page).first().waitFor();
    return resultLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  }

  it('finds an article by its exact error code from the home page search field', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    await page.locator('#home-search').pressSequentially('0x80070005');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.locator('input[type=search]').inputValue()).resolves.toBe('0x80070005');
    expect((await hrefs(page))[0]).toBe('/artikel/windows-update-0x80070005/');
    await page.screenshot({ path: join(SHOTS, 'search-modal.png') });
    await page.close();
  });

  it('finds German inflected words and keeps the query in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=${encodeURIComponent('Druckaufträge')}`);
    expect(await hrefs(page)).toContain('/artikel/druckauftrag-haengt/');
    await page.locator('pagefind-input input').fill('Kennwörter');
    await page.waitForURL(/q=Kennw%C3%B6rter/);
    await page.close();
  });

  it('finds an error code documented only in English from a German page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=0x8004de40`);
    expect((await hrefs(page))[0]).toBe('/en/articles/onedrive-error-0x8004de40/');
    // Result metadata shows type and category.
    await expect(page.locator('.pf-result-meta').first().textContent()).resolves.toMatch(/Artikel\s+Teams & OneDrive/);
    await page.screenshot({ path: join(SHOTS, 'search-page.png'), fullPage: true });
    await page.close();
  });

  it('filters by type and opens a result', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/suche/?q=Drucker`);
    const all = await hrefs(page);
    expect(all.some((h) => h!.startsWith('/artikel/'))).toBe(true);
    await page.locator('pagefind-filter-pane summary', { hasText: 'Art' }).click();
    await page.locator('pagefind-filter-pane').getByRole('checkbox', { name: /Entscheidungsbaum/ }).check();
    await page.waitForFunction(() => [...document.querySelectorAll('.pf-result-link')].every((a) => a.getAttribute('href')!.startsWith('/diagnose/')));
    const trees = await hrefs(page);
    expect(trees.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'search-filtered.png'), fullPage: true });
    await resultLinks(page).first().click();
    await page.waitForURL('**/diagnose/**');
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
    await page.close();
  });

  it('opens the search modal with Ctrl+K from an article and closes it with Escape', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/artikel/konto-gesperrt/');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => document.activeElement?.matches('input[type=search]') && !!document.activeElement.closest('dialog'));
    await page.keyboard.type('BitLocker');
    expect((await hrefs(page))[0]).toBe('/artikel/bitlocker-wiederherstellung/');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.close();
  });

  it('excludes archived articles from search', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=${encodeURIComponent('Teams Cache')}`);
    const found = await hrefs(page);
    expect(found).toContain('/artikel/teams-cache-leeren/');
    expect(found).not.toContain('/artikel/teams-classic-cache-leeren/');
    await page.close();
  });
});

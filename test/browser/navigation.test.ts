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

  const resultLinks = (page: Page) => page.locator('.search-result-title a');
  async function hrefs(page: Page) {
    await resultLinks(page).first().waitFor();
    return resultLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  }

  it('finds an article by its exact error code from the home page search field', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    // Typed at a person's pace: the keystrokes while the dialog opens must not get lost or overwritten.
    await page.locator('#home-search').pressSequentially('0x80070005', { delay: 20 });
    const dialog = page.getByRole('dialog', { name: 'Suche' });
    await dialog.waitFor();
    await expect(dialog.getByRole('searchbox').inputValue()).resolves.toBe('0x80070005');
    expect((await hrefs(page))[0]).toBe('/artikel/windows-update-0x80070005/');
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^\d+ Treffer für „0x80070005“$/);
    await page.screenshot({ path: join(SHOTS, 'search-modal.png') });
    // Enter takes the query to the search page, where filters are.
    await page.keyboard.press('Enter');
    await page.waitForURL('**/suche/?q=0x80070005');
    expect((await hrefs(page))[0]).toBe('/artikel/windows-update-0x80070005/');
    await page.close();
  });

  it('finds German inflected words and keeps the query in the URL', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=${encodeURIComponent('Druckaufträge')}`);
    expect(await hrefs(page)).toContain('/artikel/druckauftrag-haengt/');
    await page.locator('#search-input').fill('Kennwörter');
    await page.waitForURL(/q=Kennw%C3%B6rter/);
    await expect(page.title()).resolves.toMatch(/^„Kennwörter“ – Suche/);
    await page.close();
  });

  it('finds an error code documented only in English from a German page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=0x8004de40`);
    expect((await hrefs(page))[0]).toBe('/en/articles/onedrive-error-0x8004de40/');
    // Result metadata shows type and category in the page's language; the match is highlighted.
    await expect(page.locator('.search-result-meta').first().textContent()).resolves.toMatch(/Artikel\s+Teams & OneDrive/);
    await expect(page.locator('.search-result-excerpt mark').first().textContent()).resolves.toContain('0x8004de40');
    await page.screenshot({ path: join(SHOTS, 'search-page.png'), fullPage: true });
    await page.close();
  });

  it('filters by type with counts, keeps the filter in the URL and opens a result', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/suche/?q=Drucker`);
    const all = await hrefs(page);
    expect(all.some((h) => h!.startsWith('/artikel/'))).toBe(true);
    const filters = page.getByRole('group', { name: 'Filter' });
    const trees = filters.getByRole('checkbox', { name: 'Entscheidungsbaum' });
    // Each value shows how many results it would give.
    const treeCount = filters.locator('label').filter({ hasText: 'Entscheidungsbaum' }).locator('.search-filter-count');
    await expect.poll(() => treeCount.textContent()).toMatch(/^[1-9]\d*$/);
    const expected = Number(await treeCount.textContent());
    await trees.check();
    await page.waitForURL(/[?&]type=tree/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.search-result-title a')].every((a) => a.getAttribute('href')!.startsWith('/diagnose/')),
    );
    expect(await hrefs(page)).toHaveLength(expected);
    await page.screenshot({ path: join(SHOTS, 'search-filtered.png'), fullPage: true });
    // The filtered URL, opened again, restores the filter.
    await page.goto(page.url());
    await expect(trees.isChecked()).resolves.toBe(true);
    expect((await hrefs(page)).every((h) => h!.startsWith('/diagnose/'))).toBe(true);
    await resultLinks(page).first().click();
    await page.waitForURL('**/diagnose/**');
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
    await page.close();
  });

  it('shows English labels on the English search page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/en/search/?q=0x8004de40`);
    expect((await hrefs(page))[0]).toBe('/en/articles/onedrive-error-0x8004de40/');
    await expect(page.locator('.search-result-meta').first().textContent()).resolves.toMatch(/Article\s+Teams & OneDrive/);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ results? for “0x8004de40”$/);
    await expect(page.getByRole('group', { name: 'Filters' }).getByRole('checkbox', { name: 'Decision tree' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('shows ten results at a time and moves focus to the first added one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/suche/?q=Windows`);
    expect(await hrefs(page)).toHaveLength(10);
    const more = page.getByRole('button', { name: 'Weitere Treffer anzeigen' });
    await expect(page.locator('.search-more span').textContent()).resolves.toMatch(/^10 von (\d+) angezeigt$/);
    await more.click();
    await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(10);
    const eleventh = await resultLinks(page).nth(10).getAttribute('href');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe(eleventh);
    await page.close();
  });

  it('says so when nothing matches and offers to reset the filters', async () => {
    const page = await browser.newPage();
    // Training about printing exists, but none in the security category.
    await page.goto(`${server.url}/suche/?q=Drucker&type=training&category=sicherheit`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Keine Treffer für „Drucker“/);
    await expect(resultLinks(page).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect.poll(() => resultLinks(page).count()).toBeGreaterThan(0);
    await page.waitForURL(/\/suche\/\?q=Drucker$/);
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
    // Down arrow moves from the field to the first result.
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('/artikel/bitlocker-wiederherstellung/');
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

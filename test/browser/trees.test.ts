/**
 * Decision trees in Chromium, on a fixture KB built for this file: walking to a fix and to an
 * escalation, going back, deep links and the back button, copying the handoff, keyboard-only
 * operation, and the same tree with JavaScript switched off.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { sharedBuild, TMP } from '../helpers/build.ts';
import { serveDir, type StaticServer } from '../helpers/server.ts';

const chromium = inject('chromium');
const SHOTS = join(TMP, 'screenshots');
const TREE = '/diagnose/drucker/';

describe.skipIf(!chromium)('decision trees in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let context: BrowserContext;

  beforeAll(async () => {
    const build = sharedBuild({ contentDir: 'test/fixtures/content' });
    if (build.status !== 0) throw new Error(build.output);
    server = await serveDir(build.outDir);
    browser = await launchBrowser(chromium);
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const current = (page: Page) => page.locator('.tree-node[data-current]');
  const heading = (page: Page) => current(page).locator('h2').textContent();
  const answer = (page: Page, name: string) => current(page).getByRole('link', { name, exact: true }).click();

  it('walks to a fix and ends the tree when it helped', async () => {
    const page = await context.newPage();
    await page.goto(server.url + TREE);
    await expect(heading(page)).resolves.toBe('Kommt gar nichts aus dem Drucker?');
    await answer(page, 'Gar nichts');
    await answer(page, 'Nein');
    await answer(page, 'Ja');
    await answer(page, 'Ja');
    await expect(heading(page)).resolves.toBe('Starten Sie die Druckwarteschlange neu.');
    await expect(
      current(page)
        .getByRole('link', { name: /Druckauftrag hängt/ })
        .getAttribute('href'),
    ).resolves.toBe('/artikel/druckauftrag-haengt/');
    await answer(page, 'Ja, Problem gelöst');
    await expect(heading(page)).resolves.toBe('✓ Problem gelöst');
    await page.close();
  });

  it('walks to an escalation, goes back to an earlier answer, and survives reload and the back button', async () => {
    const page = await context.newPage();
    await page.goto(server.url + TREE);
    await answer(page, 'Gar nichts');
    await answer(page, 'Ja');
    await expect(heading(page)).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    const path = page.getByRole('navigation', { name: 'Ihr Weg bisher' });
    await expect(path.locator('li').allTextContents()).resolves.toEqual([
      'Kommt gar nichts aus dem Drucker? → Gar nichts Ändern',
      'Zeigt das Display des Druckers einen Fehler? → Ja Ändern',
    ]);
    // Deep link: reload lands on the same node with the same path.
    expect(page.url()).toContain('path-drucker=gar-nicht.0_display.0');
    await page.reload();
    await expect(heading(page)).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    await expect(path.locator('li').count()).resolves.toBe(2);
    // The browser's back button steps back one answer.
    await page.goBack();
    await expect(heading(page)).resolves.toBe('Zeigt das Display des Druckers einen Fehler?');
    await page.goForward();
    await expect(heading(page)).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    // Change the first answer.
    await path.getByRole('button', { name: /Ändern: Kommt gar nichts/ }).click();
    await expect(heading(page)).resolves.toBe('Kommt gar nichts aus dem Drucker?');
    await expect(path.isHidden()).resolves.toBe(true);
    await page.close();
  });

  it('enforces required fields and copies a complete handoff summary', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}${TREE}?path-drucker=gar-nicht.0_display.1_warteschlange.0_andere.0_spooler.1#t-drucker-eskalation`);
    await expect(heading(page)).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    const copy = current(page).getByRole('button', { name: 'Zusammenfassung kopieren' });
    await copy.click();
    await expect(current(page).getByRole('status').textContent()).resolves.toBe('Bitte zuerst ausfüllen: Druckername, Verbindung');
    await current(page).getByLabel('Druckername').fill('MFP-3OG-Nord');
    await current(page).getByLabel('Verbindung').selectOption('Druckserver');
    await current(page).getByLabel('Mehrere Personen betroffen').check();
    await copy.click();
    // The clipboard write is asynchronous; the status follows when it has finished.
    await expect.poll(() => current(page).getByRole('status').textContent()).toBe('Zusammenfassung in die Zwischenablage kopiert.');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Entscheidungsbaum: Drucker druckt nicht (drucker), Version 1.2');
    expect(text).toContain('An: Level 2 – L2 Workplace <l2-workplace@muster.example>');
    expect(text).toContain('- Können Kollegen auf dem Drucker drucken? → Ja');
    expect(text).toContain('- Druckauftrag hängt in der Warteschlange (druckauftrag-haengt): hat nicht geholfen');
    expect(text).toContain('- Druckername: MFP-3OG-Nord');
    expect(text).toContain('- Mehrere Personen betroffen: ja');
    expect(text.split('\n').at(-1)).toBe('kb-tree:drucker@1.2#eskalation');
    await page.screenshot({ path: join(SHOTS, 'tree-escalation.png'), fullPage: true });
    await page.close();
  });

  it('can be operated with the keyboard alone, moving focus and announcing each step', async () => {
    const page = await context.newPage();
    await page.goto(server.url + TREE);
    const first = current(page).getByRole('link', { name: 'Gar nichts' });
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-node'))).resolves.toBe('display');
    await expect(page.locator('[data-live]').textContent()).resolves.toBe('Schritt 2: Zeigt das Display des Druckers einen Fehler?');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Ja');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(heading(page)).resolves.toBe('Steht Ihr Auftrag in der Warteschlange?');
    await page.close();
  });

  it('works with JavaScript switched off, through plain links', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(server.url + TREE);
    const visible = page.locator('.tree-node:visible');
    await expect(visible.locator('h2').textContent()).resolves.toBe('Kommt gar nichts aus dem Drucker?');
    for (const name of ['Gar nichts', 'Nein', 'Ja', 'Ja']) await visible.getByRole('link', { name, exact: true }).click();
    await expect(visible.locator('h2').textContent()).resolves.toBe('Starten Sie die Druckwarteschlange neu.');
    await visible.getByRole('link', { name: 'Nein, hat nicht geholfen' }).click();
    await expect(visible.locator('h2').textContent()).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    // The static template still carries the marker, and e-mail/ticket links work without script.
    await expect(visible.locator('pre').textContent()).resolves.toMatch(/kb-tree:drucker@1\.2#eskalation$/);
    const mail = await visible.getByRole('link', { name: 'E-Mail an L2 Workplace' }).getAttribute('href');
    expect(mail).toMatch(/^mailto:l2-workplace@muster\.example\?subject=/);
    expect(decodeURIComponent(mail!)).toContain('kb-tree:drucker@1.2#eskalation');
    await page.screenshot({ path: join(SHOTS, 'tree-nojs.png'), fullPage: true });
    await noJs.close();
  });

  it('hands over to another tree and renders the flowchart and phone script without JavaScript', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}${TREE}?path-drucker=gar-nicht.0_display.1_warteschlange.1`);
    await current(page).getByRole('link', { name: 'Weiter mit: Password expired' }).click();
    await page.waitForURL(/\/en\/diagnose\/kennwort\/\?via=drucker$/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.goto(`${server.url}${TREE}skript/`);
    // No tree island here: only the site-wide search loader.
    await expect(page.locator('script[src*="TreeRunner"]').count()).resolves.toBe(0);
    await expect(page.locator('script:not([src*="SearchModalLoader"])').count()).resolves.toBe(0);
    await expect(
      page.getByRole('img', { name: /Ablaufplan des Entscheidungsbaums „Drucker druckt nicht“ mit 7 Schritten/ }).count(),
    ).resolves.toBe(1);
    await expect(page.locator('.phone-script > li').count()).resolves.toBe(7);
    await expect(page.locator('.phone-script input[type=checkbox]').count()).resolves.toBeGreaterThan(10);
    await page.close();
  });
});

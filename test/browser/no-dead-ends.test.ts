/**
 * What a usability walk-through found, as a person would notice it in Chromium: every employee
 * path ends somewhere useful, employee escalations carry no staff internals, the handoff holds only
 * what was asked and survives a hand-over, the pages work on a phone, and the search shortcut keeps
 * every keystroke on a slow machine.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite } from '../helpers/build.ts';
import { serveDir, type StaticServer } from '../helpers/server.ts';

const chromium = inject('chromium');
const sampleSite = inject('sampleSite');
const ESCALATION = '/diagnose/drucker/?path-drucker=gar-nicht.0_display.1_warteschlange.0_andere.0_spooler.1#t-drucker-eskalation';

/** One page of each kind in a built site: the first `index.html` found under each top-level folder and its children. */
function pageKinds(dir: string): string[] {
  const urls = new Set<string>(['/', '/404.html']);
  const walk = (d: string, depth: number) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (!statSync(p).isDirectory() || ['_astro', 'pagefind', 'schemas'].includes(name)) continue;
      const url = `/${relative(dir, p)}/`;
      if (statSync(join(p, 'index.html'), { throwIfNoEntry: false })) {
        // One page per route shape: /artikel/x/ stands for every article.
        const shape = url
          .split('/')
          .slice(0, depth + 2)
          .join('/');
        if (![...urls].some((u) => u.startsWith(shape) && u.split('/').length === url.split('/').length)) urls.add(url);
      }
      if (depth < 3) walk(p, depth + 1);
    }
  };
  walk(dir, 0);
  return [...urls];
}

describe.skipIf(!chromium)('no dead ends, a handoff to trust, phones', () => {
  let browser: Browser;
  let employee: StaticServer;
  let staff: StaticServer;
  let sample: StaticServer;
  let employeeDir: string;
  let staffDir: string;

  beforeAll(async () => {
    const e = buildSite({ contentDir: 'test/fixtures/content', env: { KB_AUDIENCE: 'employee' } });
    if (e.status !== 0) throw new Error(e.output);
    const s = buildSite({ contentDir: 'test/fixtures/content' });
    if (s.status !== 0) throw new Error(s.output);
    employeeDir = e.outDir;
    staffDir = s.outDir;
    [employee, staff, sample] = await Promise.all([serveDir(e.outDir), serveDir(s.outDir), serveDir(sampleSite)]);
    browser = await launchBrowser(chromium);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([employee?.close(), staff?.close(), sample?.close()]);
  });

  const current = (page: Page) => page.locator('.tree-node[data-current]');

  it('lists no category without pages and offers trees, a ticket, phone and mail where a page is missing', async () => {
    const page = await browser.newPage();
    await page.goto(`${employee.url}/kategorien/`);
    await expect(page.locator('.category-grid h2 a, .category-grid h3 a').allTextContents()).resolves.not.toContain('Leere Kategorie');
    await expect(page.locator('.category-grid').textContent()).resolves.not.toMatch(/\b0 Artikel/);
    const missing = await page.goto(`${employee.url}/kategorien/leer/`);
    expect(missing!.status()).toBe(404);
    const next = page.getByRole('region', { name: 'Nicht gefunden, was Sie suchen?' });
    await expect(next.getByRole('link', { name: 'Drucker druckt nicht' }).getAttribute('href')).resolves.toBe('/diagnose/drucker/');
    await expect(next.getByRole('link', { name: 'Ticket erstellen' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/servicedesk\.muster\.example\//,
    );
    await expect(next.locator('a[href^="tel:+49301234"]').count()).resolves.toBe(1);
    await expect(next.locator('a[href^="mailto:servicedesk@muster.example"]').count()).resolves.toBe(1);
    await page.close();
  });

  it('shows employees an escalation as their own request: no team, level, priority or routing', async () => {
    const context = await browser.newContext();
    // The ticket system is not on this machine: answer its URL here, so the popup's address can be read.
    await context.route('https://servicedesk.muster.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Ticket</title>' }),
    );
    const page = await context.newPage();
    await page.goto(employee.url + ESCALATION);
    await expect(current(page).locator('h2').textContent()).resolves.toBe('Servicedesk einschalten');
    const text = (await page.locator('main').textContent())!;
    for (const internal of ['L2 Workplace', 'l2-workplace@', 'Level 2', 'Priorität', 'Hoch']) expect(text).not.toContain(internal);
    await expect(current(page).getByLabel('Rückrufnummer').count()).resolves.toBe(1);
    await expect(current(page).getByLabel('Anrufer/in').count()).resolves.toBe(0);
    await current(page).getByLabel('Druckername').fill('MFP-3OG-Nord');
    await current(page).getByLabel('Verbindung').selectOption('Druckserver');
    await current(page).getByLabel('Rückrufnummer').fill('+49 30 1234-5678');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      current(page).getByRole('button', { name: 'Ticket mit dieser Zusammenfassung erstellen' }).click(),
    ]);
    const ticket = new URL(popup.url());
    expect(ticket.host).toBe('servicedesk.muster.example');
    const description = ticket.searchParams.get('description')!;
    expect(ticket.searchParams.get('summary')).toBe('Anfrage an den Servicedesk: Drucker druckt nicht');
    expect(description).toMatch(/^Meine Anfrage: Drucker druckt nicht\n\nWas ich geprüft habe:\n- Kommt gar nichts/);
    expect(description).toContain('- Rückrufnummer: +49 30 1234-5678');
    expect(description).not.toContain('Mehrere Personen betroffen');
    expect(description).not.toMatch(/L2|Level|Priorität/);
    await context.close();
  });

  it('writes only what was answered into the staff handoff and keeps the path across a hand-over', async () => {
    const page = await browser.newPage();
    await page.goto(staff.url + ESCALATION);
    await expect(current(page).locator('h2').textContent()).resolves.toBe('Weitergeben an L2 Workplace (Level 2)');
    await current(page).getByLabel('Anrufer/in').fill('Kollegin am Telefon');
    const summary = (await current(page).locator('[data-handoff]').textContent())!;
    expect(summary).toContain('- Anrufer/in: Kollegin am Telefon');
    // Nobody ticked "Mehrere Personen betroffen" and nobody typed a printer name: neither is written.
    expect(summary).not.toContain('Mehrere Personen betroffen');
    expect(summary).not.toContain('Druckername');

    await page.goto(`${staff.url}/diagnose/drucker/?path-drucker=gar-nicht.0_display.1_warteschlange.1`);
    await current(page).getByRole('link', { name: 'Weiter mit: Password expired' }).click();
    await page.waitForURL(/\/en\/diagnose\/kennwort\/\?via=drucker$/);
    await current(page).getByRole('link', { name: 'No', exact: true }).click();
    const handoff = (await current(page).locator('[data-handoff]').textContent())!;
    expect(handoff).toContain(
      'Answers so far:\nEarlier in the decision tree “Drucker druckt nicht”:\n- Kommt gar nichts aus dem Drucker? → Gar nichts\n- Zeigt das Display des Druckers einen Fehler? → Nein\n- Steht Ihr Auftrag in der Warteschlange? → Nein\n- Does Windows say your password has expired? → No',
    );
    // Reload keeps both trees' steps (handed over in the tab's session storage, not in the URL).
    await page.reload();
    await expect(current(page).locator('[data-handoff]').textContent()).resolves.toContain(
      'Earlier in the decision tree “Drucker druckt nicht”',
    );
    // Opened on its own (not through the hand-over link), the tree claims no earlier steps.
    await page.goto(`${staff.url}/en/diagnose/kennwort/?path-kennwort=expired.1`);
    await expect(current(page).locator('[data-handoff]').textContent()).resolves.not.toContain('Earlier in the decision tree');
    await page.close();
  });

  it('fits a phone: a short header, contents before the article, tappable numbers, no staff metadata for employees', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${sample.url}/artikel/drucker-offline/`);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(844 * 0.12);
    // The table of contents comes before the article text, collapsed.
    const toc = page.locator('details.toc-compact');
    await expect(toc.isVisible()).resolves.toBe(true);
    await expect(toc.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(
      page.evaluate(
        () =>
          document.querySelector('details.toc-compact')!.compareDocumentPosition(document.querySelector('.prose')!) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    ).resolves.toBeTruthy();
    // Numbers and addresses in the text can be tapped (the contact article lists the service desk's).
    await page.goto(`${sample.url}/artikel/it-support-erreichen/`);
    await expect(page.locator('.prose a[href="tel:+493012344444"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.prose a[href="mailto:servicedesk@muster.example"]').count()).resolves.toBeGreaterThan(0);
    // The menu opens without JavaScript tricks and shows the navigation.
    await page.getByText('Menü', { exact: true }).click();
    await expect(page.getByRole('link', { name: 'Diagnose' }).isVisible()).resolves.toBe(true);

    await page.goto(`${employee.url}/artikel/druckauftrag-haengt/`);
    const meta = (await page.locator('.meta-block').textContent())!;
    for (const staffOnly of ['Verantwortlich', 'Nächste Prüfung', 'L2 Workplace']) expect(meta).not.toContain(staffOnly);
    await page.goto(`${staff.url}/artikel/druckauftrag-haengt/`);
    await expect(page.locator('.meta-block').textContent()).resolves.toContain('Nächste Prüfung');
    await page.close();
  });

  it('never scrolls sideways at 320 px, on any kind of page of the employee and the staff build', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const overflowing: string[] = [];
    for (const [server, dir] of [
      [employee, employeeDir],
      [staff, staffDir],
    ] as const) {
      for (const url of pageKinds(dir)) {
        await page.goto(server.url + url);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) overflowing.push(`${url} (${width}px)`);
      }
    }
    expect(overflowing).toEqual([]);
    await page.close();
  });

  it('keeps every key typed into the header field or after Ctrl+K on a CPU slowed six times', async () => {
    for (const way of ['field', 'shortcut'] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${sample.url}/artikel/drucker-offline/`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
      if (way === 'field') {
        await page.locator('#header-search-input').click();
        await page.keyboard.type('drucker', { delay: 20 });
      } else {
        await page.keyboard.press('Control+K');
        await page.keyboard.type('drucker', { delay: 20 });
      }
      const dialogInput = page.locator('#search-dialog-input');
      await expect.poll(() => dialogInput.inputValue(), { timeout: 20_000 }).toBe('drucker');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await context.close();
    }
  });
});

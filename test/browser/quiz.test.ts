/** Knowledge checks in a training module: scoring with JavaScript, and the <details> fallback without. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { sharedBuild, TMP } from '../helpers/build.ts';
import { serveDir, type StaticServer } from '../helpers/server.ts';

const chromium = inject('chromium');
const PAGE = '/schulungen/drucken-grundlagen/';

describe.skipIf(!chromium)('knowledge check in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    const build = sharedBuild({ contentDir: 'test/fixtures/content' });
    if (build.status !== 0) throw new Error(build.output);
    server = await serveDir(build.outDir);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('scores the answers, marks each question, shows explanations and announces the result', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + PAGE);
    const quiz = page.locator('[data-quiz]');
    const q1 = quiz.getByRole('group', { name: 'Wo sehen Sie hängende Druckaufträge?' });
    const q2 = quiz.getByRole('group', { name: /Was hilft bei einem hängenden Auftrag/ });
    await q1.getByLabel('In der Druckwarteschlange').check();
    await q2.getByLabel('Auftrag abbrechen').check();
    await quiz.getByRole('button', { name: 'Auswerten' }).click();
    await expect(quiz.getByRole('status').textContent()).resolves.toBe('1 von 2 richtig');
    await expect(q1.getAttribute('data-state')).resolves.toBe('correct');
    await expect(q2.getAttribute('data-state')).resolves.toBe('wrong');
    await expect(q2.locator('details').evaluate((d: HTMLDetailsElement) => d.open)).resolves.toBe(true);
    await expect(q2.getByText('Abbrechen und Neustart lösen die meisten Hänger').isVisible()).resolves.toBe(true);
    await q2.getByLabel('Drucker neu starten').check();
    await quiz.getByRole('button', { name: 'Auswerten' }).click();
    await expect(quiz.getByRole('status').textContent()).resolves.toBe('2 von 2 richtig');
    await page.screenshot({ path: join(TMP, 'screenshots', 'quiz.png'), fullPage: true });
    await page.close();
  });

  it('renders every question without JavaScript and lets each answer be revealed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + PAGE);
    const quiz = page.locator('[data-quiz]');
    await expect(quiz.locator('fieldset legend').count()).resolves.toBe(2);
    await expect(quiz.getByRole('button', { name: 'Auswerten' }).isVisible()).resolves.toBe(false);
    const q1 = quiz.getByRole('group', { name: 'Wo sehen Sie hängende Druckaufträge?' });
    await expect(q1.getByText('Die Warteschlange zeigt jeden Auftrag').isVisible()).resolves.toBe(false);
    await q1.getByText('Antwort anzeigen').click();
    await expect(q1.getByText('Richtige Antwort: In der Druckwarteschlange').isVisible()).resolves.toBe(true);
    await expect(q1.getByText('Die Warteschlange zeigt jeden Auftrag').isVisible()).resolves.toBe(true);
    await context.close();
  });
});

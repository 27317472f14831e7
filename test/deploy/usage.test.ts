/**
 * The knowledge loop end to end: Debian's nginx with exactly deploy/nginx.conf over the built
 * sample KB, Chromium voting on an article (with and without JavaScript), walking a decision tree
 * to an escalation and abandoning another walk, taking a quiz; then `kb report` on the log nginx
 * wrote. The log holds no IP address, user agent or cookie; Global Privacy Control is honoured.
 */
import config from '../../kb.config.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { nginxPath, startNginx } from '../helpers/nginx.ts';
import { runReport } from '../../src/lib/usage/run.ts';
import { readKb } from '../../src/lib/kb-files.ts';

const chromium = inject('chromium');
const site = inject('sampleSite');
if (process.env.CI === 'true' && !nginxPath()) throw new Error('CI=true but nginx is not installed (.ci/run installs it)');

describe.skipIf(!chromium || !site || !nginxPath())('usage events through deploy/nginx.conf', () => {
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let browser: Browser;
  let log: string;
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  /** Beacons are sent in the background: wait until nginx has logged `n` lines. */
  async function waitForLines(n: number) {
    for (let i = 0; i < 100 && lines().length < n; i++) await new Promise((r) => setTimeout(r, 100));
    expect(lines().length).toBe(n);
  }

  beforeAll(async () => {
    nginx = await startNginx(site);
    log = join(nginx.logDir, 'support-kb-events.log');
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
  });

  it('records votes, tree sessions and a quiz, and kb report counts them', async () => {
    const page = await browser.newPage();
    // "Ja": a link nginx records and redirects back to the article's thank-you panel.
    await page.goto(`${nginx.url}/artikel/konto-gesperrt/`);
    await page.getByRole('link', { name: 'Ja', exact: true }).click();
    await page.waitForURL(/#feedback-yes$/);
    expect(new URL(page.url()).pathname).toBe('/artikel/konto-gesperrt/');
    await expect(page.locator('#feedback-yes').isVisible()).resolves.toBe(true);
    await waitForLines(1);

    // Tree: straight to an escalation (the second answer of the first question).
    await page.goto(`${nginx.url}/diagnose/drucker-druckt-nicht/`);
    await page.locator('.tree-node[data-current] a[data-choice="1"]').click();
    await expect(page.locator('.tree-node[data-current]').getAttribute('data-type')).resolves.toBe('escalate');
    await waitForLines(5);
    // Tree again: one answer, then leave the page – an abandoned session.
    await page.goto(`${nginx.url}/diagnose/drucker-druckt-nicht/`);
    await page.locator('.tree-node[data-current] a[data-choice="0"]').click();
    await expect(page.locator('.tree-node[data-current]').getAttribute('data-node')).resolves.toBe('fehlerbild');
    // Quiz: one answer checked, submitted.
    await page.goto(`${nginx.url}/schulungen/phishing-erkennen/`);
    await waitForLines(9);
    const quiz = page.locator('[data-quiz]').first();
    const questions = await quiz.locator('[data-question]').count();
    await quiz.locator('input').first().check();
    await quiz.getByRole('button', { name: 'Auswerten' }).click();
    await waitForLines(10);
    await page.close();

    // "Nein" without JavaScript: the reason button submits to /_kb/e, nginx redirects back to #danke.
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await nojs.newPage();
    await plain.goto(`${nginx.url}/artikel/konto-gesperrt/`);
    await plain.getByRole('link', { name: 'Nein', exact: true }).click();
    await plain.getByRole('button', { name: 'Veraltet' }).click();
    await plain.waitForURL(/#danke$/);
    expect(new URL(plain.url()).pathname).toBe('/artikel/konto-gesperrt/');
    await expect(plain.locator('#danke').isVisible()).resolves.toBe(true);
    await nojs.close();
    await waitForLines(11);

    // Global Privacy Control (Sec-GPC: 1): the vote still shows its panel, nothing is logged.
    const gpc = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    const private_ = await gpc.newPage();
    await private_.goto(`${nginx.url}/artikel/konto-gesperrt/`);
    await private_.getByRole('link', { name: 'Ja', exact: true }).click();
    await private_.waitForURL(/#feedback-yes$/);
    await expect(private_.locator('#feedback-yes').isVisible()).resolves.toBe(true);
    // …and the tree island sends nothing either.
    await private_.goto(`${nginx.url}/diagnose/drucker-druckt-nicht/`);
    await private_.locator('.tree-node[data-current] a[data-choice="1"]').click();
    await expect(private_.locator('.tree-node[data-current]').getAttribute('data-type')).resolves.toBe('escalate');
    await gpc.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(lines()).toHaveLength(11);

    // The log: time and event only.
    const text = readFileSync(log, 'utf8');
    expect(text).not.toMatch(/127\.0\.0\.1|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
    expect(text).not.toMatch(/Mozilla|HeadlessChrome|Chrome\//);
    for (const line of lines()) expect(Object.keys(JSON.parse(line))).toEqual(['time', 'args']);

    const { report } = await runReport({ files: [log], minQueryCount: 2, kb: readKb('content', config) });
    expect(report.lines).toEqual({ counted: 11, ignored: 0, rejected: 0 });
    expect(report.articles.find((a) => a.id === 'konto-gesperrt')).toMatchObject({ helpful: 1, notHelpful: 1, reasons: { outdated: 1 } });
    const tree = report.trees.find((t) => t.tree === 'drucker-druckt-nicht')!;
    expect(tree).toMatchObject({ version: '1.1', sessions: 2, escalated: 1, abandoned: 1, solved: 0 });
    expect(tree.nodes).toEqual(
      expect.arrayContaining([
        { node: 'umfang', reached: 2, left: 0, solved: 0, escalated: 0 },
        { node: 'fehlerbild', reached: 1, left: 1, solved: 0, escalated: 0 },
        { node: 'eskalation-drucker', reached: 1, left: 0, solved: 0, escalated: 1 },
      ]),
    );
    expect(tree.paths).toEqual(
      expect.arrayContaining([
        { path: 'umfang.1', outcome: 'escalated', node: 'eskalation-drucker', count: 1 },
        { path: 'umfang.0', outcome: 'abandoned', node: 'fehlerbild', count: 1 },
      ]),
    );
    expect(report.quizzes).toEqual([{ quiz: 'phishing-erkennen', submissions: 1, questions: expect.any(Array) }]);
    expect(report.quizzes[0]!.questions).toHaveLength(questions);
  });
  it('records where a search ended: the clicked result, or no click when the page is left', async () => {
    // Result pages may send their own events (an article can embed a tree): count search events only.
    const searches = () => lines().filter((l) => l.includes('"args":"t=s&'));
    const waitForSearches = async (n: number) => {
      for (let i = 0; i < 100 && searches().length < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(searches()).toHaveLength(n);
    };
    const page = await browser.newPage();
    for (let i = 0; i < 2; i++) {
      await page.goto(`${nginx.url}/suche/?q=drucker`);
      const first = page.locator('.search-results .search-result-title a').first();
      await first.waitFor();
      await first.click();
      await page.waitForURL((url) => !url.pathname.startsWith('/suche/'));
    }
    await waitForSearches(2);
    // Typed, looked at, left: one event without a click when the page goes away.
    await page.goto(`${nginx.url}/suche/?q=bildschirm%20flackert`);
    await page.locator('.search-status').filter({ hasText: /\d/ }).waitFor();
    await page.goto(`${nginx.url}/`);
    await waitForSearches(3);
    await page.close();

    const { report } = await runReport({ files: [log], minQueryCount: 2, kb: readKb('content', config) });
    expect(report.lines.rejected).toBe(0);
    expect(report.searches.total).toBe(3);
    expect(report.searches.noClick).toBe(1);
    expect(report.searches.top.find((r) => r.query === 'drucker')).toMatchObject({ count: 2, noClick: 0 });
    // Seen once: counted, never shown as text.
    expect(report.searches.rare).toEqual({ queries: 1, searches: 1 });
    expect(JSON.stringify(report)).not.toContain('flackert');
  });
});

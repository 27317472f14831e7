/**
 * The shipped nginx config (deploy/nginx.conf) over the built sample KB: security and cache
 * headers, and search, decision trees and quizzes working under its strict Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { nginxPath, startNginx } from '../helpers/nginx.ts';

const chromium = inject('chromium');
const site = inject('sampleSite');
if (process.env.CI === 'true' && !nginxPath()) throw new Error('CI=true but nginx is not installed (.ci/run installs it)');

describe.skipIf(!chromium || !site || !nginxPath())('deployment with deploy/nginx.conf', () => {
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let browser: Browser;
  beforeAll(async () => {
    nginx = await startNginx(site);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
  });

  /** A page that records CSP violations reported by the browser. */
  async function openPage(path: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(nginx.url + path);
    return { page, violations };
  }

  it('sends the security headers, long caching for hashed assets and none for HTML', async () => {
    const html = await fetch(`${nginx.url}/artikel/konto-gesperrt/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const css = (await html.text()).match(/href="(\/_astro\/[^"]+\.css)"/)![1]!;
    const asset = await fetch(nginx.url + css);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBeTruthy();
    const missing = await fetch(`${nginx.url}/gibt-es-nicht/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Seite nicht gefunden');
    const missingEn = await fetch(`${nginx.url}/en/does-not-exist/`);
    expect(missingEn.status).toBe(404);
    const englishNotFound = await missingEn.text();
    expect(englishNotFound).toContain('Page not found');
    expect(englishNotFound).toMatch(/<html lang="en"/);
    const ics = await fetch(`${nginx.url}/schulungen/kalender.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
  });

  it('search works under the CSP', async () => {
    const { page, violations } = await openPage('/suche/?q=0x80070005');
    await page.locator('.search-result-title a').first().waitFor();
    await expect(page.locator('.search-result-title a').first().getAttribute('href')).resolves.toBe('/artikel/windows-update-0x80070005/');
    await page.goto(`${nginx.url}/artikel/konto-gesperrt/`);
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('BitLocker');
    await page.locator('dialog .search-result a[href*="bitlocker"]').first().waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('decision trees work under the CSP', async () => {
    const { page, violations } = await openPage('/diagnose/drucker-druckt-nicht/');
    const before = await page.locator('.tree-node[data-current] h2').textContent();
    await page.locator('.tree-node[data-current] a[data-choice]').first().click();
    await expect(page.locator('.tree-node[data-current] h2').textContent()).resolves.not.toBe(before);
    expect(page.url()).toContain('path-drucker-druckt-nicht=');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('quizzes work under the CSP', async () => {
    const { page, violations } = await openPage('/schulungen/phishing-erkennen/');
    const quiz = page.locator('[data-quiz]');
    await quiz.locator('input').first().check();
    await quiz.getByRole('button', { name: 'Auswerten' }).click();
    await expect(quiz.getByRole('status').textContent()).resolves.toMatch(/von \d+ richtig/);
    expect(violations).toEqual([]);
    await page.close();
  });
});

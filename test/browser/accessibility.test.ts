/**
 * Accessibility gate: axe-core in Chromium over every page type of the sample KB, in the staff and
 * the employee build, in light and dark mode. Zero violations of WCAG 2.0/2.1/2.2 A and AA rules.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { sharedBuild } from '../helpers/build.ts';
import { serveDir, type StaticServer } from '../helpers/server.ts';

const chromium = inject('chromium');
const site = inject('sampleSite');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
      }),
    TAGS,
  )) as { violations: Violation[] };
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

const STAFF_PAGES = [
  '/',
  '/kategorien/',
  '/kategorien/konto/',
  '/tags/vpn/',
  '/artikel/konto-gesperrt/',
  '/artikel/teams-classic-cache-leeren/',
  '/en/articles/vpn-error-691/',
  '/diagnose/',
  '/diagnose/drucker-druckt-nicht/',
  '/diagnose/anmeldung-gesperrt/skript/',
  '/suche/?q=VPN',
  '/suche/?q=Drucker&type=tree&category=drucken',
  '/schulungen/',
  '/schulungen/phishing-erkennen/',
  '/schulungen/kalender/',
  '/schulungen/bedarf/',
  '/eskalationen/',
  '/pruefung/',
  '/en/',
  '/gibt-es-nicht/',
];
const EMPLOYEE_PAGES = [
  '/',
  '/kategorien/netzwerk/',
  '/artikel/drucker-offline/',
  '/diagnose/kein-netzwerk/',
  '/suche/?q=Drucker',
  '/schulungen/',
  '/gibt-es-nicht/',
];

describe.skipIf(!chromium || !site)('accessibility (axe-core, WCAG 2.2 AA)', () => {
  let browser: Browser;
  let staff: StaticServer;
  let employee: StaticServer;

  beforeAll(async () => {
    const build = sharedBuild({ env: { KB_AUDIENCE: 'employee' } });
    if (build.status !== 0) throw new Error(build.output);
    staff = await serveDir(site);
    employee = await serveDir(build.outDir);
    browser = await launchBrowser(chromium);
  });
  afterAll(async () => {
    await browser?.close();
    await staff?.close();
    await employee?.close();
  });

  async function check(server: StaticServer, path: string, colorScheme: 'light' | 'dark', viewport = { width: 1280, height: 900 }) {
    const page = await browser.newPage({ colorScheme, viewport });
    await page.goto(server.url + path);
    if (path.includes('?q=')) {
      // Results, and the filter counts that follow them.
      await page.locator('.search-result a').first().waitFor();
      await page.waitForFunction(
        () => !document.querySelector('.search-filter-count') || document.querySelector('.search-filter-count')!.textContent !== '',
      );
    }
    const found = await violations(page);
    await page.close();
    return found;
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`staff build, ${scheme} mode: no violations on any page type`, async () => {
      const all: string[] = [];
      for (const path of STAFF_PAGES) for (const v of await check(staff, path, scheme)) all.push(`${path}  ${v}`);
      expect(all).toEqual([]);
    }, 180_000);
  }

  it('employee build, light and phone width: no violations', async () => {
    const all: string[] = [];
    for (const path of EMPLOYEE_PAGES)
      for (const v of await check(employee, path, 'light', { width: 390, height: 844 })) all.push(`${path}  ${v}`);
    expect(all).toEqual([]);
  }, 180_000);

  it('decision tree at an escalation and the search modal have no violations', async () => {
    const page = await browser.newPage();
    await page.goto(`${staff.url}/diagnose/drucker-druckt-nicht/`);
    await page.locator('.tree-node[data-current] a[data-choice]').first().click();
    const escalate = page.locator('[data-type="escalate"]').first();
    const id = await escalate.getAttribute('data-node');
    await page.goto(`${staff.url}/diagnose/drucker-druckt-nicht/#t-drucker-druckt-nicht-${id}`);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${staff.url}/artikel/konto-gesperrt/`);
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('VPN');
    await page.locator('dialog .search-result a').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});

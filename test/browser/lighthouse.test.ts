/**
 * Lighthouse gate on the employee build (the public one), served as deployed: accessibility, best
 * practices and SEO must score 100 on home, article, tree, search and training pages. Performance
 * is reported, not asserted: it is a timing on a shared machine (see `npm run bench` and
 * `npm run lighthouse` for the full report).
 */
import { describe, expect, inject, it } from 'vitest';
import { sharedBuild } from '../helpers/build.ts';
import { LIGHTHOUSE_PAGES, auditPages, serveForAudit, type PageReport } from '../helpers/lighthouse.ts';

const chromium = inject('chromium');

describe.skipIf(!chromium)('Lighthouse (employee build)', () => {
  it('scores 100 for accessibility, best practices and SEO on every page type', { timeout: 300_000 }, async () => {
    const build = sharedBuild({ env: { KB_AUDIENCE: 'employee' } });
    expect(build.status, build.output).toBe(0);
    const server = await serveForAudit(build.outDir);
    let reports: PageReport[];
    try {
      reports = await auditPages(
        chromium!,
        LIGHTHOUSE_PAGES.map((p) => `${server.url}${p}`),
      );
    } finally {
      await server.close();
    }
    const table = reports.map((r, i) => `${LIGHTHOUSE_PAGES[i]}: ${JSON.stringify(r.scores)}`).join('\n');
    console.log(`Lighthouse (mobile, ${server.kind}):\n${table}`);
    for (const [i, r] of reports.entries()) {
      const failing = r.findings.filter((f) => !f.startsWith('performance:'));
      expect({
        page: LIGHTHOUSE_PAGES[i],
        accessibility: r.scores.accessibility,
        bestPractices: r.scores['best-practices'],
        seo: r.scores.seo,
        failing,
      }).toEqual({
        page: LIGHTHOUSE_PAGES[i],
        accessibility: 100,
        bestPractices: 100,
        seo: 100,
        failing: [],
      });
    }
  });
});

#!/usr/bin/env node
/**
 * `npm run lighthouse [-- --dist DIR] [--desktop]`: Lighthouse on the home, article, tree, search
 * and training pages of the employee build (the public one; staff builds are noindex on purpose),
 * served by nginx with deploy/nginx.conf when nginx is installed. Writes one HTML report per page
 * and a summary to test/.tmp/lighthouse/, prints the scores, exits 1 if any score is below 100.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumPath } from '../test/helpers/browser.ts';
import { buildSite, ROOT } from '../test/helpers/build.ts';
import { CATEGORIES, LIGHTHOUSE_PAGES, auditPages, serveForAudit } from '../test/helpers/lighthouse.ts';

const { values } = parseArgs({ options: { dist: { type: 'string' }, desktop: { type: 'boolean' } } });
const chromium = chromiumPath();
if (!chromium) {
  console.error('Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.');
  process.exit(2);
}
const out = join(ROOT, 'test/.tmp/lighthouse');
mkdirSync(out, { recursive: true });
let dist = values.dist;
if (!dist) {
  console.log('building the employee site …');
  const build = buildSite({ outDir: join(out, 'site'), env: { KB_AUDIENCE: 'employee', KB_CACHE_DIR: join(out, 'astro-cache') } });
  if (build.status !== 0) {
    console.error(build.output);
    process.exit(1);
  }
  dist = build.outDir;
}
const server = await serveForAudit(dist);
console.log(`auditing ${LIGHTHOUSE_PAGES.length} pages on ${server.url} (${server.kind}) …`);
try {
  const reports = await auditPages(
    chromium,
    LIGHTHOUSE_PAGES.map((p) => `${server.url}${p}`),
    { desktop: values.desktop ?? false },
  );
  const lines = [`| Page | ${CATEGORIES.join(' | ')} |`, `|---|${CATEGORIES.map(() => '---:').join('|')}|`];
  reports.forEach((r, i) => {
    const path = LIGHTHOUSE_PAGES[i]!;
    writeFileSync(join(out, `${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.html`), r.html);
    lines.push(`| \`${path}\` | ${CATEGORIES.map((c) => r.scores[c]).join(' | ')} |`);
  });
  const findings = reports.flatMap((r, i) => r.findings.map((f) => `- \`${LIGHTHOUSE_PAGES[i]}\` ${f}`));
  const summary = `${lines.join('\n')}\n\n${findings.length ? `Findings:\n${findings.join('\n')}` : 'No findings.'}\n\nLighthouse ${values.desktop ? 'desktop' : 'mobile'} preset, ${new Date().toISOString().slice(0, 10)}, served by ${server.kind}.\n`;
  writeFileSync(join(out, 'summary.md'), summary);
  writeFileSync(
    join(out, 'summary.json'),
    `${JSON.stringify(
      reports.map((r, i) => ({ page: LIGHTHOUSE_PAGES[i], scores: r.scores, findings: r.findings })),
      null,
      2,
    )}\n`,
  );
  console.log(`\n${summary}\nreports: ${out}`);
  process.exitCode = reports.every((r) => CATEGORIES.every((c) => r.scores[c] === 100)) ? 0 : 1;
} finally {
  await server.close();
}

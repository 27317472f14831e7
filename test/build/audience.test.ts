/**
 * Audience-scoped builds: the employee build of a fixture KB whose internal articles, trees and
 * <Internal> blocks carry unique marker strings must contain none of them in any file of dist/,
 * Pagefind's compressed index and fragments included. The staff build of the same content must
 * contain them all, so the scan is known to see them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedBuild, type BuildResult } from '../helpers/build.ts';

const MARKERS = ['GEHEIM-ARTIKEL-7f3a', 'GEHEIM-INTERNAL-91bc', 'GEHEIM-BAUM-c0de', 'GEHEIM-ENTWURF-55aa'];

/** Every file's text, gunzipped where it is gzip (Pagefind's index and fragments). */
function filesWithText(dir: string): { file: string; text: string }[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => {
      const file = join(d.parentPath, d.name);
      const raw = readFileSync(file);
      let text = raw.toString('latin1');
      if (raw[0] === 0x1f && raw[1] === 0x8b) text += gunzipSync(raw).toString('utf8');
      return { file, text: text + raw.toString('utf8') };
    });
}

const found = (files: { file: string; text: string }[], marker: string) => files.filter((f) => f.text.includes(marker)).map((f) => f.file);

describe('audience-scoped builds', () => {
  let staff: BuildResult;
  let employee: BuildResult;
  beforeAll(() => {
    staff = sharedBuild({ contentDir: 'test/fixtures/content' });
    employee = sharedBuild({ contentDir: 'test/fixtures/content', env: { KB_AUDIENCE: 'employee' } });
  });

  it('builds both', () => {
    expect(staff.status, staff.output).toBe(0);
    expect(employee.status, employee.output).toBe(0);
  });

  it('the staff build contains every marker (the scan can see them, Pagefind included)', () => {
    const files = filesWithText(staff.outDir);
    for (const m of MARKERS) expect(found(files, m), m).not.toEqual([]);
    expect(files.some((f) => f.file.includes('/pagefind/de/fragment/') && f.text.includes('GEHEIM-ARTIKEL-7f3a'))).toBe(true);
  });

  it('the employee build contains no internal or unvalidated content anywhere', () => {
    const files = filesWithText(employee.outDir);
    for (const m of MARKERS) expect(found(files, m), m).toEqual([]);
    const all = files.map((f) => f.text).join('\n');
    for (const leak of ['intern-kontosperre-analyse', 'intern-konto', 'konto-gesperrt', 'intern-only-tag', 'INC0010001']) {
      expect(all, leak).not.toContain(leak);
    }
  });

  it('turns links to hidden content into plain text and keeps visible links', () => {
    const html = readFileSync(join(employee.outDir, 'artikel/druckauftrag-haengt/index.html'), 'utf8');
    expect(html).toContain('<span>Kontosperre aufheben</span>');
    expect(html).toContain('<a href="/en/articles/password-reset/">Kennwort zurücksetzen</a>');
    const staffHtml = readFileSync(join(staff.outDir, 'artikel/druckauftrag-haengt/index.html'), 'utf8');
    expect(staffHtml).toContain('<a href="/artikel/konto-gesperrt/">Kontosperre aufheben</a>');
    expect(staffHtml).toContain('Nur für 1st Level');
  });

  it('lists only what the build contains in the sitemap and lets search engines in', () => {
    const sitemap = readFileSync(join(employee.outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/artikel/druckauftrag-haengt/');
    expect(sitemap).not.toContain('intern');
    expect(readFileSync(join(employee.outDir, 'robots.txt'), 'utf8')).toContain('Allow: /');
    expect(readFileSync(join(employee.outDir, 'index.html'), 'utf8')).not.toContain('noindex');
  });

  it('keeps staff builds out of search engines', () => {
    expect(readFileSync(join(staff.outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    expect(readFileSync(join(staff.outDir, 'index.html'), 'utf8')).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('offers search filters only for what the build contains', () => {
    const values = (dir: string, group: string) =>
      [...readFileSync(join(dir, 'suche/index.html'), 'utf8').matchAll(new RegExp(`name="${group}" value="([^"]+)"`, 'g'))].map(
        (m) => m[1],
      );
    // Staff see content for several audiences and in several states; employees one audience, validated only.
    expect(values(staff.outDir, 'audience').length).toBeGreaterThan(1);
    expect(values(staff.outDir, 'status')).toContain('validated');
    expect(values(employee.outDir, 'audience')).toEqual([]);
    expect(values(employee.outDir, 'status')).toEqual([]);
    expect(values(employee.outDir, 'type')).toEqual(expect.arrayContaining(['article', 'tree']));
    // Pagefind's own UI bundles are not shipped; the index and its API are.
    const pagefind = readdirSync(join(employee.outDir, 'pagefind/de'));
    expect(pagefind).toContain('pagefind.js');
    expect(pagefind.filter((f) => f.includes('-ui') || f.includes('highlight'))).toEqual([]);
  });
});

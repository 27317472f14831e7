/**
 * Incremental builds: a rebuild copies unchanged pages from the previous build (Astro's
 * incremental build with keys from src/data/paths.ts). Editing one article's text re-renders that
 * article only; editing a title re-renders every page that shows it. Stale pages would be a bug a
 * reader sees, so both directions are checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite, tempDir, type BuildResult } from '../helpers/build.ts';

const restored = (build: BuildResult, path: string) =>
  new RegExp(`${path.replace(/[/.]/g, '\\$&')}index\\.html \\(restored\\)`).test(build.output);
const rendered = (build: BuildResult, path: string) =>
  new RegExp(`${path.replace(/[/.]/g, '\\$&')}index\\.html \\(\\+\\d+ms\\)`).test(build.output);

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

describe('rebuilding after a change', () => {
  const content = join(tempDir('incremental'), 'content');
  const outDir = join(tempDir('incremental'), 'dist');
  let first: BuildResult;
  let textEdit: BuildResult;
  let titleEdit: BuildResult;

  beforeAll(() => {
    cpSync('test/fixtures/content', content, { recursive: true });
    first = buildSite({ contentDir: content, outDir });
    edit(join(content, 'articles/de/konto-gesperrt.mdx'), (t) => `${t}\nNeuer Hinweis: Sperre im Entra Admin Center prüfen.\n`);
    textEdit = buildSite({ contentDir: content, outDir });
    edit(join(content, 'articles/de/druckauftrag-haengt.mdx'), (t) =>
      t.replace('title: "Druckauftrag hängt in der Warteschlange"', 'title: "Druckauftrag bleibt in der Warteschlange stehen"'),
    );
    titleEdit = buildSite({ contentDir: content, outDir });
  }, 240_000);

  it('renders the edited article and copies the unchanged ones', () => {
    for (const b of [first, textEdit, titleEdit]) expect(b.status, b.output).toBe(0);
    expect(rendered(first, '/artikel/drucker-alt/')).toBe(true);
    expect(rendered(textEdit, '/artikel/konto-gesperrt/')).toBe(true);
    expect(restored(textEdit, '/artikel/drucker-alt/')).toBe(true);
    expect(restored(textEdit, '/kategorien/drucken/')).toBe(true);
    expect(textEdit.output.match(/\(restored\)/g)?.length ?? 0).toBeGreaterThan(10);
    expect(readFileSync(join(outDir, 'artikel/konto-gesperrt/index.html'), 'utf8')).toContain(
      'Neuer Hinweis: Sperre im Entra Admin Center prüfen.',
    );
  });

  it('re-renders every page that shows a changed title: the result equals a clean build', () => {
    expect(rendered(titleEdit, '/kategorien/drucken/')).toBe(true);
    expect(readFileSync(join(outDir, 'kategorien/drucken/index.html'), 'utf8')).toContain(
      'Druckauftrag bleibt in der Warteschlange stehen',
    );
    const clean = buildSite({ contentDir: content, outDir: join(tempDir('incremental'), 'dist') });
    expect(clean.status, clean.output).toBe(0);
    const pages = (dir: string) => Object.fromEntries(htmlFiles(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
    const incremental = pages(outDir);
    const fresh = pages(clean.outDir);
    expect(Object.keys(incremental).sort()).toEqual(Object.keys(fresh).sort());
    const differing = Object.keys(fresh).filter((p) => incremental[p] !== fresh[p]);
    expect(differing).toEqual([]);
  }, 120_000);
});

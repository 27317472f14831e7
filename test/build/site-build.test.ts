/**
 * Builds small fixture knowledge bases with `astro build` and checks the generated pages,
 * and that invalid content fails the build naming the file and the field or section.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, sharedBuild, tempDir, type BuildResult } from '../helpers/build.ts';

const FIXTURE = 'test/fixtures/content';

/** Copies the fixture content into a temp folder, optionally changing it first. */
function fixtureCopy(change?: (dir: string) => void): string {
  const dir = join(tempDir('content'), 'content');
  cpSync(FIXTURE, dir, { recursive: true });
  change?.(dir);
  return dir;
}

/** `count` extra valid how-to articles in category `drucken`. */
function addArticles(dir: string, count: number) {
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    writeFileSync(
      join(dir, `articles/de/drucker-anleitung-${n}.mdx`),
      `---\ntitle: "Druckeranleitung Nummer ${n}"\nsummary: "Generierter Testartikel ${n} für die Seitennavigation."\ntype: howto\ncategory: drucken\naudience: employee\nconfidence: validated\nowner: Team Workplace\ncreated: 2025-01-01\nreviewed: 2026-01-01\nlang: de\n---\n\n## Schritte\n\nText ${n}.\n`,
    );
  }
}

const read = (out: string, path: string) => readFileSync(join(out, path), 'utf8');

describe('building a fixture KB', () => {
  let small: BuildResult;
  let large: BuildResult;
  let larger: BuildResult;

  beforeAll(() => {
    // The unchanged fixture: the same build as the audience and browser tests, run once.
    small = sharedBuild({ contentDir: FIXTURE });
    large = buildSite({ contentDir: fixtureCopy((d) => addArticles(d, 45)) });
    larger = buildSite({ contentDir: fixtureCopy((d) => addArticles(d, 90)) });
  });

  it('succeeds', () => {
    expect(small.status, small.output).toBe(0);
    expect(large.status, large.output).toBe(0);
  });

  it('generates every page type in both languages', () => {
    for (const page of [
      'index.html',
      'en/index.html',
      'kategorien/index.html',
      'en/categories/index.html',
      'kategorien/konto/index.html',
      'en/categories/konto/index.html',
      'tags/sperre/index.html',
      'en/tags/sperre/index.html',
      'artikel/konto-gesperrt/index.html',
      'en/articles/password-reset/index.html',
      'diagnose/index.html',
      'schulungen/index.html',
      '404.html',
    ]) {
      expect(existsSync(join(small.outDir, page)), page).toBe(true);
    }
    // A category with nothing in it gets no page (and is not listed): no dead end.
    expect(existsSync(join(small.outDir, 'kategorien/leer/index.html'))).toBe(false);
    expect(read(small.outDir, 'kategorien/index.html')).not.toContain('Leere Kategorie');
  });

  it('renders an article with its metadata and KCS sections', () => {
    const html = read(small.outDir, 'artikel/konto-gesperrt/index.html');
    expect(html).toContain('<html lang="de"');
    expect(html).toContain('<h1>Konto gesperrt nach zu vielen Anmeldeversuchen</h1>');
    for (const heading of ['Problem', 'Umgebung', 'Ursache', 'Lösung']) expect(html).toMatch(new RegExp(`<h2 id="[^"]+">${heading}</h2>`));
    expect(html).toContain('<code>0xC0000234</code>');
    expect(html).toContain('Konto &amp; Anmeldung');
    expect(html).toContain('Betriebssystem: Windows 11 23H2');
    expect(html).toContain('Validiert');
    expect(html).toContain('1st Level');
    expect(html).toContain('Team Identity');
    expect(html).toContain('<time datetime="2026-10-01">1. Oktober 2026</time>');
    // reviewBy defaults to reviewed + 365 days
    expect(html).toContain('<time datetime="2027-10-01">1. Oktober 2027</time>');
    expect(html).toContain('INC0010001');
    expect(html).toContain('href="/artikel/druckauftrag-haengt/"');
    // The only script is the search loader module (the search UI itself loads on use).
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/SearchModalLoader/);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>[^<]+<\/script>/);
  });

  it('follows the entry language for <html lang> and UI strings', () => {
    const html = read(small.outDir, 'en/articles/password-reset/index.html');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Last reviewed');
    expect(html).toContain('1 September 2026');
  });

  it('keeps archived articles reachable but out of lists, pointing to the replacement', () => {
    const page = read(small.outDir, 'artikel/drucker-alt/index.html');
    expect(page).toContain('archiviert');
    expect(page).toMatch(/Aktuelle Anleitung:\s*<a href="\/artikel\/druckauftrag-haengt\/">/);
    expect(read(small.outDir, 'kategorien/drucken/index.html')).not.toContain('drucker-alt');
  });

  it('shows a review-overdue banner on staff builds', () => {
    expect(read(small.outDir, 'artikel/druckauftrag-haengt/index.html')).toContain('Prüfung überfällig seit 1. März 2026');
    expect(read(small.outDir, 'artikel/konto-gesperrt/index.html')).not.toContain('überfällig');
  });

  it('lists both languages on a category page, the page language first', () => {
    const de = read(small.outDir, 'kategorien/konto/index.html');
    expect(de.indexOf('konto-gesperrt')).toBeLessThan(de.indexOf('password-reset'));
    const en = read(small.outDir, 'en/categories/konto/index.html');
    expect(en.indexOf('password-reset')).toBeLessThan(en.indexOf('konto-gesperrt'));
  });

  it('paginates category pages', () => {
    const page1 = read(large.outDir, 'kategorien/drucken/index.html');
    expect(page1.match(/class="card"/g)).toHaveLength(20);
    expect(page1).toContain('Seite 1 von 3');
    expect(page1).toContain('href="/kategorien/drucken/2/"');
    expect(read(large.outDir, 'kategorien/drucken/3/index.html')).toContain('Seite 3 von 3');
  });

  it('does not grow an article page with the size of the KB', () => {
    // At most five related articles, whatever the KB's size: 45 or 90 more articles, same page size.
    const a = read(large.outDir, 'artikel/druckauftrag-haengt/index.html');
    const b = read(larger.outDir, 'artikel/druckauftrag-haengt/index.html');
    expect(Math.abs(b.length - a.length)).toBeLessThan(200);
    const related = b.split('id="related-heading"')[1]!.split('</section>')[0]!;
    expect(related.match(/<li>/g)!.length).toBeLessThanOrEqual(5);
  });
});

describe('invalid content fails the build', () => {
  it('names the file and the field for a bad frontmatter value', () => {
    const dir = fixtureCopy((d) => {
      const f = join(d, 'articles/de/konto-gesperrt.mdx');
      writeFileSync(f, readFileSync(f, 'utf8').replace('confidence: validated', 'confidence: maybe'));
    });
    const r = buildSite({ contentDir: dir });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('konto-gesperrt.mdx');
    expect(r.output).toMatch(/confidence/);
    expect(r.output).toMatch(/not-validated/);
  });

  describe('problems across files (the checks kb validate runs), all reported by one build', () => {
    let r: BuildResult;
    beforeAll(() => {
      const dir = fixtureCopy((d) => {
        const f = join(d, 'articles/de/konto-gesperrt.mdx');
        writeFileSync(f, readFileSync(f, 'utf8').replace('## Lösung', '## Was hilft'));
        const e = join(d, 'articles/en/password-reset.mdx');
        writeFileSync(e, readFileSync(e, 'utf8').replace('category: konto', 'category: hardware'));
        // A German and an English article with the same file name get the same id.
        cpSync(join(d, 'articles/de/druckauftrag-haengt.mdx'), join(d, 'articles/en/druckauftrag-haengt.mdx'));
      });
      r = buildSite({ contentDir: dir });
    });

    it('fails', () => {
      expect(r.status).not.toBe(0);
    });

    it('names the file and the section for a missing Lösung', () => {
      expect(r.output).toMatch(/articles\/de\/konto-gesperrt\.mdx\s+## Lösung: missing required section "## Lösung"/);
    });

    it('names the file for an unknown category', () => {
      expect(r.output).toMatch(/articles\/en\/password-reset\.mdx\s+category: unknown category "hardware"/);
    });

    it('names both files of a duplicate id across language folders (as kb validate does)', () => {
      expect(r.output).toMatch(
        /articles\/de\/druckauftrag-haengt\.mdx\s+\(id\): duplicate article id "druckauftrag-haengt", also used by \S*articles\/en\/druckauftrag-haengt\.mdx/,
      );
      expect(r.output).toMatch(
        /articles\/en\/druckauftrag-haengt\.mdx\s+\(id\): duplicate article id "druckauftrag-haengt", also used by \S*articles\/de\/druckauftrag-haengt\.mdx/,
      );
    });
  });

  it('fails for an empty date, naming file and field', () => {
    const dir = fixtureCopy((d) => {
      const f = join(d, 'articles/de/konto-gesperrt.mdx');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^created: .*$/m, 'created:'));
    });
    const r = buildSite({ contentDir: dir });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('konto-gesperrt.mdx');
    expect(r.output).toMatch(/created: expected a date in the form YYYY-MM-DD, got an empty value/);
  });

  it('fails for an unquoted tree version, saying it must be quoted', () => {
    const dir = fixtureCopy((d) => {
      const t = join(d, 'trees/drucker.yaml');
      writeFileSync(t, readFileSync(t, 'utf8').replace(/^version: .*$/m, 'version: 1.10'));
    });
    const r = buildSite({ contentDir: dir });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('drucker');
    expect(r.output).toMatch(/version: must be a quoted string such as version: "1\.10"; unquoted, YAML reads it as the number 1\.1/);
  });
});

/**
 * Link gate: every internal link, asset and anchor in every page of the staff and the employee
 * build of the sample KB resolves.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../src/lib/content-files.ts';
import { sharedBuild } from '../helpers/build.ts';
import { EVENT_ENDPOINT } from '../../src/lib/usage/vocabulary.ts';

/** Broken internal references of a built site: `page → target`. */
function brokenLinks(dir: string): string[] {
  const pages = listFiles(dir, ['.html']);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(file, set);
    }
    return set;
  };
  const fileFor = (path: string) => {
    const p = join(dir, decodeURIComponent(path));
    if (existsSync(p) && statSync(p).isFile()) return p;
    const index = join(p, 'index.html');
    return existsSync(index) ? index : undefined;
  };
  const broken: string[] = [];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    const pagePath = `/${page.slice(dir.length + 1)}`.replace(/index\.html$/, '');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const ref = m[1]!.replace(/&amp;/g, '&');
      if (/^(?:[a-z]+:|\/\/)/i.test(ref)) continue;
      const [pathPart, hash] = ref.split('#') as [string, string | undefined];
      const path = pathPart.split('?')[0]!;
      // The usage-event endpoint is the web server's, not a file (test/deploy/usage.test.ts).
      if (path === EVENT_ENDPOINT) continue;
      const target = path === '' ? page : fileFor(path.startsWith('/') ? path : `${pagePath}${path}`);
      if (!target) broken.push(`${pagePath} → ${ref} (no such page or file)`);
      else if (hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(hash)))
        broken.push(`${pagePath} → ${ref} (no element with that id)`);
    }
  }
  return broken;
}

describe('links in the built sample KB', () => {
  let staffDir: string;
  let employeeDir: string;
  beforeAll(() => {
    staffDir = inject('sampleSite');
    if (!staffDir) {
      const staff = sharedBuild();
      if (staff.status !== 0) throw new Error(staff.output);
      staffDir = staff.outDir;
    }
    const employee = sharedBuild({ env: { KB_AUDIENCE: 'employee' } });
    if (employee.status !== 0) throw new Error(employee.output);
    employeeDir = employee.outDir;
  });

  it('has no broken internal link, asset or anchor in the staff build', () => {
    expect(brokenLinks(staffDir)).toEqual([]);
  });

  it('has no broken internal link, asset or anchor in the employee build', () => {
    expect(brokenLinks(employeeDir)).toEqual([]);
  });

  it('switches language from an article to its translation (translationOf), and to the home page without one', () => {
    const read = (path: string) => readFileSync(join(employeeDir, path, 'index.html'), 'utf8');
    const en = read('en/articles/printer-offline');
    const de = read('artikel/drucker-offline');
    expect(en).toMatch(/<a href="\/artikel\/drucker-offline\/" hreflang="de" lang="de"/);
    expect(de).toMatch(/<a href="\/en\/articles\/printer-offline\/" hreflang="en" lang="en"/);
    expect(de).toContain('<link rel="alternate" hreflang="en" href="https://kb.muster.example/en/articles/printer-offline/">');
    // Both carry the pair key, so the search shows one of them per language.
    expect(en).toContain('data-pagefind-meta="pair:drucker-offline"');
    expect(de).toContain('data-pagefind-meta="pair:drucker-offline"');
    // An article without a translation (staff build: pc-langsam) leads to the other language's home page.
    const untranslated = readFileSync(join(staffDir, 'artikel/pc-langsam/index.html'), 'utf8');
    expect(untranslated).toMatch(/<a href="\/en\/" hreflang="en" lang="en"/);
    expect(untranslated).not.toContain('<link rel="alternate" hreflang="en"');
  });

  it('has no inline scripts or event handlers anywhere (the CSP allows script files only)', () => {
    const offenders = listFiles(staffDir, ['.html']).flatMap((file) => {
      const html = readFileSync(file, 'utf8');
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)];
      const handlers = html.match(/\son[a-z]+="/g) ?? [];
      return inline.length || handlers.length ? [file.slice(staffDir.length)] : [];
    });
    expect(offenders).toEqual([]);
  });
});

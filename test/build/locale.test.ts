/**
 * Adding a locale is a string file plus one entry in kb.config.ts: a throw-away third locale ("fr",
 * the English strings with its own name) in a copy of the project builds a complete site under
 * /fr/, and the other locales' language switchers offer it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, projectCopy, ROOT, type BuildResult } from '../helpers/build.ts';

describe('a third locale', () => {
  let build: BuildResult;
  const read = (path: string) => readFileSync(join(build.outDir, path), 'utf8');

  beforeAll(() => {
    const project = projectCopy('locale');
    // 1. The string file: English strings, with the locale's own name.
    const en = readFileSync(join(project, 'src/i18n/en.ts'), 'utf8');
    writeFileSync(
      join(project, 'src/i18n/fr.ts'),
      en
        .replace(/'language\.name': '[^']*'/, "'language.name': 'Français'")
        .replace(/'language\.switchTo': '[^']*'/, "'language.switchTo': 'Passer au français'")
        .replace(/'notFound\.title': '[^']*'/, "'notFound.title': 'Page introuvable'"),
    );
    // 2. The entry in the configuration.
    const config = readFileSync(join(project, 'kb.config.ts'), 'utf8');
    expect(config).toContain('locales: { de, en },');
    writeFileSync(
      join(project, 'kb.config.ts'),
      config
        .replace("import en from './src/i18n/en.ts';", "import en from './src/i18n/en.ts';\nimport fr from './src/i18n/fr.ts';")
        .replace('locales: { de, en },', 'locales: { de, en, fr },'),
    );
    build = buildSite({
      root: project,
      contentDir: join(ROOT, 'test/fixtures/content'),
      env: { KB_CACHE_DIR: join(project, '..', 'astro-cache') },
    });
  });

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('has every page of a locale under /fr/, in French', () => {
    for (const page of [
      'fr/index.html',
      'fr/categories/index.html',
      'fr/categories/konto/index.html',
      'fr/tags/sperre/index.html',
      'fr/diagnose/index.html',
      'fr/training/index.html',
      'fr/search/index.html',
      'fr/404/index.html',
    ]) {
      expect(existsSync(join(build.outDir, page)), page).toBe(true);
    }
    expect(existsSync(join(build.outDir, 'fr/training/calendar.ics'))).toBe(true);
    expect(read('fr/index.html')).toMatch(/<html lang="fr"/);
    expect(read('fr/404/index.html')).toContain('Page introuvable');
    // Articles exist in their own language only: the French category page lists the German and English ones.
    expect(read('fr/categories/konto/index.html')).toContain('/artikel/konto-gesperrt/');
  });

  it('is offered by the language switcher of the other locales, on the same page', () => {
    const de = read('kategorien/index.html');
    expect(de).toMatch(/<a href="\/fr\/categories\/" hreflang="fr" lang="fr" aria-label="Passer au français">\s*Français\s*<\/a>/);
    expect(de).toMatch(/<a href="\/en\/categories\/" hreflang="en" lang="en"[^>]*>\s*English\s*<\/a>/);
    expect(read('fr/categories/index.html')).toMatch(/<a href="\/kategorien\/" hreflang="de" lang="de"[^>]*>\s*Deutsch\s*<\/a>/);
    expect(de).toContain('<link rel="alternate" hreflang="fr" href="https://kb.muster.example/fr/categories/">');
  });

  it('leaves the German and English sites as they are', () => {
    expect(read('index.html')).toMatch(/<html lang="de"/);
    expect(read('en/index.html')).toMatch(/<html lang="en"/);
    expect(existsSync(join(build.outDir, 'artikel/konto-gesperrt/index.html'))).toBe(true);
    expect(existsSync(join(build.outDir, 'fr/articles/konto-gesperrt/index.html'))).toBe(false);
  });
});

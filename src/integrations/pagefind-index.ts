/**
 * Astro integration: indexes the built site with Pagefind once the build is done, one bundle per
 * language (`/pagefind/de/`, `/pagefind/en/`) so each gets its own stemming and the search UI can
 * merge the other language's bundle: an error code documented only in English is still found from
 * a German page. Only content marked `data-pagefind-body` is indexed.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { routes } from '../lib/routes.ts';
import { LOCALES, type Locale } from '../schemas/vocabulary.ts';

/**
 * The searchable pages of a locale as a Pagefind glob: articles, decision trees and training
 * modules, the pages that carry `data-pagefind-body`. Listing pages (categories, tags, calendars)
 * are not read at all, a third of a large KB's pages. Pagefind reads and parses the files in parallel.
 */
export function searchableGlob(locale: Locale): string {
  const pages = [routes.article('*', locale), routes.tree('*', locale), routes.trainingModule('*', locale)];
  return `{${pages.map((p) => `${p.slice(1)}index.html`).join(',')}}`;
}

/**
 * Pagefind writes its ready-made search UIs next to the index; the site has its own search
 * (src/islands/search.ts over Pagefind's API), so they are not shipped: about 0.4 MB per language.
 */
export const UNUSED_PAGEFIND_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'kb-pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        for (const locale of LOCALES) {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: locale });
          if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
          // Of the files read, only those with `data-pagefind-body` are indexed (not archived articles).
          const added = await index.addDirectory({ path: site, glob: searchableGlob(locale) });
          if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind', locale) });
          if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          for (const file of UNUSED_PAGEFIND_FILES) rmSync(join(site, 'pagefind', locale, file), { force: true });
          const entryFile = join(site, 'pagefind', locale, 'pagefind-entry.json');
          const entry = existsSync(entryFile)
            ? (JSON.parse(readFileSync(entryFile, 'utf8')) as { languages: Record<string, { page_count: number }> })
            : { languages: {} };
          const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
          logger.info(`indexed ${pages} of ${added.page_count} ${locale} pages for search`);
        }
        await pagefind.close();
      },
    },
  };
}

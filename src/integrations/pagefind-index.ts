/**
 * Astro integration: indexes the built site with Pagefind once the build is done, one bundle per
 * language (`/pagefind/de/`, `/pagefind/en/`) so each gets its own stemming and the search UI can
 * merge the other language's bundle: an error code documented only in English is still found from
 * a German page. Only content marked `data-pagefind-body` is indexed.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LOCALES } from '../schemas/vocabulary.ts';

/**
 * Which built files belong to a locale's bundle, as a Pagefind glob: English lives under `/en/`,
 * German is everything else. Pagefind reads and parses the files itself, in parallel.
 */
export function localeGlob(topLevel: readonly string[], locale: string): string {
  if (locale === 'en') return 'en/**/*.html';
  const parts = topLevel
    .filter((name) => name !== 'en' && name !== 'pagefind' && name !== '_astro')
    .map((name) => (name.endsWith('.html') ? name : `${name}/**/*.html`));
  return parts.length === 1 ? parts[0]! : `{${parts.join(',')}}`;
}

export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'kb-pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        const topLevel = readdirSync(site, { withFileTypes: true })
          .filter((e) => e.isDirectory() || e.name.endsWith('.html'))
          .map((e) => e.name);
        for (const locale of LOCALES) {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: locale });
          if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
          // Only pages with `data-pagefind-body` are indexed; Pagefind skips the rest.
          const added = await index.addDirectory({ path: site, glob: localeGlob(topLevel, locale) });
          if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind', locale) });
          if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
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

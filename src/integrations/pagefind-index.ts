/**
 * Astro integration: indexes the built site with Pagefind once the build is done, one bundle per
 * language (`/pagefind/de/`, `/pagefind/en/`) so each gets its own stemming and the search UI can
 * merge the other language's bundle: an error code documented only in English is still found from
 * a German page. Only content marked `data-pagefind-body` is indexed.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';
import { listFiles } from '../lib/content-files.ts';
import { LOCALES } from '../schemas/vocabulary.ts';

/** The URL path of a built HTML file: `en/articles/x/index.html` → `/en/articles/x/`. */
const urlOf = (rel: string) => `/${rel.split(sep).join('/')}`.replace(/index\.html$/, '');
const localeOf = (url: string) => (url.startsWith('/en/') ? 'en' : 'de');

export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'kb-pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        const pages = listFiles(site, ['.html']).map((file) => ({ file, url: urlOf(relative(site, file)) }));
        for (const locale of LOCALES) {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: locale });
          if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
          let count = 0;
          for (const page of pages) {
            if (localeOf(page.url) !== locale) continue;
            const content = readFileSync(page.file, 'utf8');
            if (!content.includes('data-pagefind-body')) continue;
            const added = await index.addHTMLFile({ url: page.url, content });
            if (added.errors.length) throw new Error(`Pagefind (${page.url}): ${added.errors.join('; ')}`);
            count++;
          }
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind', locale) });
          if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          logger.info(`indexed ${count} ${locale} pages for search`);
        }
        await pagefind.close();
      },
    },
  };
}

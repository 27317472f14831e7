/**
 * Astro integration: indexes the built site with Pagefind once the build is done, one bundle per
 * language (`/pagefind/de/`, `/pagefind/en/`) so each gets its own stemming and the search UI can
 * merge the other language's bundle: an error code documented only in English is still found from
 * a German page. Only content marked `data-pagefind-body` is indexed.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { routes } from '../lib/routes.ts';
import { LOCALES, type Locale } from '../schemas/vocabulary.ts';
import { contentDir } from '../lib/content-files.ts';
import { readSynonyms } from '../lib/synonyms.ts';
import { termBucket } from '../lib/search-engine.ts';

/** Words kept for spelling corrections: the most widespread ones, so the file stays small at any KB size. */
export const MAX_TERMS = 12_000;

/**
 * The index's own vocabulary for "Meinten Sie …?": words of 4–24 letters in the searchable pages'
 * indexed text with the number of pages they occur on, most widespread first, at most
 * `MAX_TERMS`. `pages` yields each page's HTML.
 */
export function vocabularyOf(pages: Iterable<string>, extra: Iterable<string> = [], max = MAX_TERMS): { word: string; pages: number }[] {
  const counts = new Map<string, number>();
  for (const html of pages) {
    const start = html.indexOf('data-pagefind-body');
    if (start === -1) continue;
    const text = html
      .slice(start, start + 60_000)
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ')
      .toLowerCase();
    for (const word of new Set(text.match(/\p{L}{4,24}/gu) ?? [])) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // The vocabulary's own words count as widespread: a correction may lead to them.
  for (const word of extra) if (/^\p{L}{4,24}$/u.test(word)) counts.set(word, Math.max(2, counts.get(word) ?? 0));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([word, pages]) => ({ word, pages }));
}

/** The HTML of every searchable page (see `searchableGlob`), one at a time. */
function* searchablePages(site: string): Generator<string> {
  for (const locale of LOCALES) {
    for (const route of [routes.article('*', locale), routes.tree('*', locale), routes.trainingModule('*', locale)]) {
      const dir = join(site, route.slice(1, route.indexOf('*')));
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name, 'index.html');
        if (entry.isDirectory() && existsSync(file)) yield readFileSync(file, 'utf8');
      }
    }
  }
}

/**
 * Our search data next to Pagefind's bundles, for the search worker: `kb/synonyms-<lang>.json`
 * (the compiled content/synonyms.yaml, what a page of that language uses) and `kb/terms/<prefix>.json` (the vocabulary for corrections,
 * split by the words' first two letters).
 */
export function writeSearchData(site: string): { synonyms: number; terms: number } {
  const { data, problems, file } = readSynonyms(contentDir());
  if (problems.length) throw new Error(`${file}: ${problems.map((p) => `line ${p.line ?? '?'} ${p.field}: ${p.message}`).join('; ')}`);
  const out = join(site, 'pagefind', 'kb');
  mkdirSync(out, { recursive: true });
  // Per page language what its searches use (src/lib/search-engine.ts `vocabulary`): a German
  // page only the German groups, an English page both.
  writeFileSync(join(out, 'synonyms-de.json'), JSON.stringify({ de: data.de, en: { groups: [], expansions: {} } }));
  writeFileSync(join(out, 'synonyms-en.json'), JSON.stringify(data));
  const single = LOCALES.flatMap((l) => [...data[l].groups.flat(), ...Object.keys(data[l].expansions)]);
  const terms = vocabularyOf(searchablePages(site), single);
  // One small file per first two letters (is a query word known?) and one per first letter (the
  // candidates for correcting one that is not): a query loads what it needs, never the list.
  const buckets = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = buckets.get(key);
    if (list) list.push(word);
    else buckets.set(key, [word]);
  };
  for (const { word, pages } of terms) {
    add(termBucket(word, 2), word);
    // Corrections lead only to words on two pages or more: a word that occurs once is more
    // likely a rarity than what a reader meant (`aufmachen` is not a typo of `aufwachen`).
    if (pages >= 2) add(termBucket(word, 1), word);
  }
  rmSync(join(out, 'terms'), { recursive: true, force: true });
  mkdirSync(join(out, 'terms'), { recursive: true });
  for (const [key, list] of buckets) writeFileSync(join(out, 'terms', `${key}.json`), JSON.stringify(list));
  return { synonyms: LOCALES.reduce((n, l) => n + data[l].groups.length + Object.keys(data[l].expansions).length, 0), terms: terms.length };
}

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
        const data = writeSearchData(site);
        logger.info(`search data: ${data.synonyms} synonym entries, ${data.terms} words for corrections`);
      },
    },
  };
}

/**
 * Pagefind in a worker of our own: its 47 KB module, its WebAssembly and every search run here, so
 * the page's main thread only sends a query and renders the answer (src/islands/search.ts).
 * Pagefind sees no `window` here and runs in this worker instead of starting another.
 *
 * Pagefind searches one word at a time; src/lib/search-engine.ts combines the words with their
 * synonyms, compound parts and corrections and ranks the pages (see there).
 */
import { FILTER_GROUPS, pagefindFilters, type FilterGroup, type FilterState } from '../lib/search.ts';
import {
  asksForTraining,
  excerpt,
  hasWord,
  isFiller,
  looksLikeCode,
  pageHas,
  queryUnits,
  TRAINING_WEIGHT,
  OTHER_LANGUAGE_WEIGHT,
  titleBoost,
  runQuery,
  termBucket,
  vocabulary,
  type EngineAnswer,
  type Hit,
  type Vocabulary,
} from '../lib/search-engine.ts';
import { EMPTY_SYNONYMS, type SynonymData } from '../lib/synonym-data.ts';

export type Counts = Record<string, Record<string, number>>;

/** What the page renders of a result; Pagefind's full page text stays in the worker. */
export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: { title: string; url: string }[];
}

export interface SearchRequest {
  lang: 'de' | 'en';
  /** Which list asks (page or dialog): each keeps its own results for "more". */
  view: string;
  q: string;
  filters: FilterState;
  count: number;
  /** Also count results per filter value. */
  withCounts: boolean;
  /** Also return the scores of the first results (`npm run bench -- search --verbose`). */
  debug?: boolean;
}
export interface SearchAnswer {
  total: number;
  data: ResultData[];
  counts?: Counts;
  /** `all` words matched, only a `subset` (`matched`), or `none`. */
  mode: EngineAnswer['mode'] | 'filters';
  matched: string[];
  corrections: EngineAnswer['corrections'];
  /** The query with corrections applied. */
  suggestion?: string | undefined;
  /** With `debug`: per first result, the engine's score and the final one. */
  scores?: { url: string; engine: number; final: number }[];
}
export type Request =
  { id: number; op: 'search'; args: SearchRequest } | { id: number; op: 'more'; args: { view: string; from: number; count: number } };

interface PagefindData {
  url: string;
  excerpt: string;
  content?: string;
  meta: Record<string, string | undefined>;
  sub_results?: { title: string; url: string }[];
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}
interface PagefindResponse {
  results: PagefindResult[];
  filters: Counts;
  totalFilters: Counts;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(bundlePath: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, unknown> }): Promise<PagefindResponse | null>;
  filters(): Promise<Counts>;
}

/** One Pagefind bundle per language, written by src/integrations/pagefind-index.ts. */
const bundle = (lang: 'de' | 'en') => `/pagefind/${lang}/`;
/** Our own search data next to the bundles: synonyms (small, every search) and the index's words by prefix. */
const KB_DATA = '/pagefind/kb/';
let engine: Promise<Pagefind> | undefined;
let filterIndexes: Promise<Counts> | undefined;
const synonyms = new Map<string, Promise<SynonymData>>();
const buckets = new Map<string, Promise<string[]>>();
const vocabularies = new Map<string, Vocabulary>();
const words = new Map<string, Promise<Hit[]>>();
const byId = new Map<string, PagefindResult>();
/** Per word, its results: their excerpts highlight that word, not a synonym searched later. */
const byWord = new Map<string, Map<string, PagefindResult>>();
const filterIds = new Map<string, Promise<Set<string>>>();
const results = new Map<string, PagefindResult[]>();

/** Loads Pagefind once (a failed load is retried on the next search). */
function load(lang: 'de' | 'en'): Promise<Pagefind> {
  engine ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ `${bundle(lang)}pagefind.js`)) as Pagefind;
    // Result URLs as site paths (`/artikel/x/`), whatever origin the worker sees.
    await pagefind.options({ excerptLength: 26, baseUrl: '/' });
    // Results in the page's language rank first; the other language's still show.
    await pagefind.mergeIndex(bundle(lang === 'de' ? 'en' : 'de'), { indexWeight: 0.75, baseUrl: '/' });
    return pagefind;
  })().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

async function json<T>(file: string, fallback: T): Promise<T> {
  try {
    const response = await fetch(`${KB_DATA}${file}`);
    return response.ok ? ((await response.json()) as T) : fallback;
  } catch {
    return fallback;
  }
}

function bucket(key: string): Promise<string[]> {
  let words = buckets.get(key);
  if (!words) buckets.set(key, (words = json<string[]>(`terms/${key}.json`, [])));
  return words;
}

async function vocabularyFor(lang: 'de' | 'en'): Promise<Vocabulary> {
  let loading = synonyms.get(lang);
  if (!loading) synonyms.set(lang, (loading = json<SynonymData>(`synonyms-${lang}.json`, EMPTY_SYNONYMS)));
  const data = await loading;
  let v = vocabularies.get(lang);
  if (!v) vocabularies.set(lang, (v = vocabulary(data, lang)));
  return v;
}

/** Every page of one word, cached for the session (Pagefind caches the index chunks too). */
function searchWord(pagefind: Pagefind, word: string): Promise<Hit[]> {
  let hits = words.get(word);
  if (!hits) {
    hits = pagefind.search(word).then((r) => {
      const own = new Map<string, PagefindResult>();
      byWord.set(word, own);
      return (r?.results ?? []).map((result) => {
        byId.set(result.id, result);
        own.set(result.id, result);
        return { id: result.id, score: result.score };
      });
    });
    words.set(word, hits);
  }
  return hits;
}

/** Ids of the pages with one filter value (a filter-only search, no page text loaded). */
function idsWith(pagefind: Pagefind, group: string, value: string): Promise<Set<string>> {
  const key = `${group}:${value}`;
  let ids = filterIds.get(key);
  if (!ids) {
    ids = pagefind.search(null, { filters: { [group]: { any: [value] } } }).then((r) => new Set((r?.results ?? []).map((x) => x.id)));
    filterIds.set(key, ids);
  }
  return ids;
}

/** Pages allowed by the selected filters (any value within a group, every group), or undefined. */
async function allowedBy(pagefind: Pagefind, filters: FilterState, except?: FilterGroup): Promise<Set<string> | undefined> {
  let allowed: Set<string> | undefined;
  for (const group of FILTER_GROUPS) {
    if (group === except || !filters[group]?.length) continue;
    const union = new Set<string>();
    for (const value of filters[group]) for (const id of await idsWith(pagefind, group, value)) union.add(id);
    allowed = allowed ? new Set([...allowed].filter((id) => union.has(id))) : union;
  }
  return allowed;
}

/** Pagefind's excerpt without the index-only words between ⟦ ⟧ (also a block cut off at either end). */
const clean = (excerpt: string) =>
  excerpt
    .replace(/^[^⟦]*⟧/, '')
    .replace(/⟦[^⟧]*(⟧|$)/g, '')
    .trim();
const shape = (d: PagefindData): ResultData => ({
  url: d.url,
  excerpt: clean(d.excerpt),
  meta: d.meta,
  sub_results: (d.sub_results ?? []).map((s) => ({ title: s.title, url: s.url })),
});

async function pick(result: PagefindResult): Promise<ResultData> {
  return shape(await result.data());
}

/** How many results each filter value would give; a group with a selection counts as if it were open. */
async function countsFor(pagefind: Pagefind, ids: string[], filters: FilterState): Promise<Counts> {
  const available = await (filterIndexes ??= pagefind.filters());
  const counts: Counts = {};
  for (const group of FILTER_GROUPS) {
    const open = await allowedBy(pagefind, filters, group);
    const pool = open ? ids.filter((id) => open.has(id)) : ids;
    counts[group] = {};
    for (const value of Object.keys(available[group] ?? {})) {
      const withValue = await idsWith(pagefind, group, value);
      counts[group][value] = pool.filter((id) => withValue.has(id)).length;
    }
  }
  return counts;
}

async function search({ lang, view, q, filters, count, withCounts, debug }: SearchRequest): Promise<SearchAnswer> {
  const pagefind = await load(lang);
  if (!q.trim()) {
    // Filters only: Pagefind lists the pages, no ranking to do.
    if (withCounts) await (filterIndexes ??= pagefind.filters());
    const response = await pagefind.search(null, { filters: pagefindFilters(filters) });
    const list = response?.results ?? [];
    results.set(view, list);
    const counts = withCounts
      ? await countsFor(
          pagefind,
          list.map((r) => r.id),
          filters,
        )
      : undefined;
    return {
      total: list.length,
      data: await Promise.all(list.slice(0, count).map(pick)),
      ...(counts ? { counts } : {}),
      mode: 'filters',
      matched: [],
      corrections: [],
    };
  }
  const answer = await runQuery(q, lang, {
    search: (word) => searchWord(pagefind, word),
    vocabulary: await vocabularyFor(lang),
    indexWords: (word) => bucket(termBucket(word, 2)),
    correctionWords: (word) => bucket(termBucket(word, 1)),
  });
  const allowed = await allowedBy(pagefind, filters);
  const ids = answer.pages.map((p) => p.id);
  // Each result as found by the words the reader typed, so its excerpt marks them: Pagefind's own
  // search for all of them (the index parts are loaded already), else the first word that has it.
  const together = answer.matched.length > 1 ? await pagefind.search(answer.matched.join(' ')) : null;
  const byTyped = new Map((together?.results ?? []).map((r) => [r.id, r]));
  const result = (id: string) => byTyped.get(id) ?? answer.matched.map((w) => byWord.get(w)?.get(id)).find(Boolean) ?? byId.get(id)!;
  const list = ids.filter((id) => !allowed || allowed.has(id)).map(result);
  // The first page, whose text is loaded anyway, is checked against what Pagefind matched, and
  // training modules rank below articles and trees (their type is in the same data):
  // - an article that lists the query's error code (`errorCodes`, also `0x11b`, `50076`) comes
  //   first, one in the page's language before one in the other;
  // - a page that lacks a query word and all its alternatives goes last: Pagefind matched it by
  //   stemming (`Drucker` → `drücken`) or by a shorter prefix of a word it does not know.
  const first = await Promise.all(list.slice(0, count).map((r) => r.data()));
  const vocab = await vocabularyFor(lang);
  const codes = answer.matched.filter(looksLikeCode);
  /** The typed words the search left out as filler, 4+ letters (`probleme`, not `der`). */
  const typed = queryUnits(q).length
    ? q
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.length >= 4 && !answer.matched.includes(w) && isFiller(w))
    : [];
  const own = (url: string) => url.startsWith('/en/') === (lang === 'en');
  const scores = new Map(answer.pages.map((p) => [p.id, p.score]));
  const forTraining = asksForTraining(answer.matched);
  const order = first.map((d, i) => {
    const listed = codes.length > 0 && codes.some((c) => (d.meta.codes ?? '').split('|').includes(c));
    const lacking = answer.matched.some((w) => !pageHas(d.content ?? '', w, vocab, lang));
    // Training modules below articles and trees, unless the query asks for training; a title that
    // names the query's words (or their synonyms, or the filler words left out of the search:
    // "Outlook Probleme") ranks up.
    const title = d.meta.title ?? '';
    const inTitle =
      answer.matched.filter((w) => pageHas(title, w, vocab, lang)).length + typed.filter((w) => hasWord(title, w)).length * 0.5;
    const score =
      (scores.get(list[i]!.id) ?? 0) *
      (d.meta.type === 'training' && !forTraining ? TRAINING_WEIGHT : 1) *
      titleBoost(inTitle, answer.matched.length + typed.length * 0.5) *
      (own(d.url) ? 1 : OTHER_LANGUAGE_WEIGHT[lang]);
    // The other language's version of an article whose own-language version is listed too
    // (`translationOf`) goes below the other results: the reader gets their language, the
    // translation stays reachable.
    const twin = !own(d.url) && !!d.meta.pair && first.some((o) => o !== d && own(o.url) && o.meta.pair === d.meta.pair);
    return {
      i,
      score,
      engine: scores.get(list[i]!.id) ?? 0,
      rank: lacking ? 3 : twin ? 2.5 : listed ? (own(d.url) ? 0 : 1) : 2,
    };
  });
  order.sort((a, b) => a.rank - b.rank || b.score - a.score || a.i - b.i);
  const reordered = order.map(({ i }) => list[i]!);
  list.splice(0, reordered.length, ...reordered);
  results.set(view, list);
  const data = order.map(({ i }) => {
    const d = first[i]!;
    return shape({ ...d, excerpt: d.content ? excerpt(d.content, answer.matched, vocab, lang) : d.excerpt });
  });
  const counts = withCounts ? await countsFor(pagefind, ids, filters) : undefined;
  return {
    total: list.length,
    data,
    ...(counts ? { counts } : {}),
    mode: answer.mode,
    matched: answer.matched,
    corrections: answer.corrections,
    suggestion: answer.suggestion,
    ...(debug
      ? {
          scores: order.map(({ i, score, engine }) => ({
            url: first[i]!.url,
            engine: Math.round(engine * 1000) / 1000,
            final: Math.round(score * 1000) / 1000,
          })),
        }
      : {}),
  };
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<Request>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = async ({ data: request }) => {
  try {
    const result =
      request.op === 'search'
        ? await search(request.args)
        : await Promise.all(
            (results.get(request.args.view) ?? []).slice(request.args.from, request.args.from + request.args.count).map(pick),
          );
    scope.postMessage({ id: request.id, result });
  } catch (error) {
    scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * Pagefind in a worker of our own: its 47 KB module, its WebAssembly and every search run here, so
 * the page's main thread only sends a query and renders the answer (src/islands/search.ts).
 * Pagefind sees no `window` here and runs in this worker instead of starting another.
 */
import { FILTER_GROUPS, pagefindFilters, type FilterState } from '../lib/search.ts';

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
}
export interface SearchAnswer {
  total: number;
  data: ResultData[];
  counts?: Counts;
}
export type Request =
  | { id: number; op: 'search'; args: SearchRequest }
  | { id: number; op: 'more'; args: { view: string; from: number; count: number } };

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined>; sub_results?: { title: string; url: string }[] }>;
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
let engine: Promise<Pagefind> | undefined;
let filterIndexes: Promise<Counts> | undefined;
const results = new Map<string, PagefindResult[]>();

/** Loads Pagefind once (a failed load is retried on the next search). */
function load(lang: 'de' | 'en'): Promise<Pagefind> {
  engine ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ `${bundle(lang)}pagefind.js`)) as Pagefind;
    // Result URLs as site paths (`/artikel/x/`), whatever origin the worker sees.
    await pagefind.options({ excerptLength: 26, baseUrl: '/' });
    // Results in the page's language rank first; the other language's still show.
    await pagefind.mergeIndex(bundle(lang === 'de' ? 'en' : 'de'), { indexWeight: 0.6, baseUrl: '/' });
    return pagefind;
  })().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

async function pick(result: PagefindResult): Promise<ResultData> {
  const d = await result.data();
  return { url: d.url, excerpt: d.excerpt, meta: d.meta, sub_results: (d.sub_results ?? []).map((s) => ({ title: s.title, url: s.url })) };
}

/**
 * How many results each filter value would give: for a group without a selection, among the
 * current results; for a group with one, as if that group's choice were open (values within a
 * group are alternatives). One selected group needs no further search; more need one each.
 */
async function facetCounts(pagefind: Pagefind, q: string, filters: FilterState, response: PagefindResponse): Promise<Counts> {
  const counts: Counts = { ...response.filters };
  const selected = FILTER_GROUPS.filter((g) => filters[g]?.length);
  if (selected.length === 1) counts[selected[0]!] = response.totalFilters[selected[0]!] ?? {};
  if (selected.length < 2) return counts;
  for (const group of selected) {
    const open = await pagefind.search(q || null, { filters: pagefindFilters({ ...filters, [group]: [] }) });
    counts[group] = open?.filters[group] ?? {};
  }
  return counts;
}

async function search({ lang, view, q, filters, count, withCounts }: SearchRequest): Promise<SearchAnswer> {
  const pagefind = await load(lang);
  // Pagefind counts only filters whose indexes it has loaded: load them all (a few small files).
  if (withCounts) await (filterIndexes ??= pagefind.filters());
  const response = await pagefind.search(q || null, { filters: pagefindFilters(filters) });
  const list = response?.results ?? [];
  results.set(view, list);
  const data = await Promise.all(list.slice(0, count).map(pick));
  const counts = withCounts && response ? await facetCounts(pagefind, q, filters, response) : undefined;
  return { total: list.length, data, ...(counts ? { counts } : {}) };
}

const scope = self as unknown as { onmessage: ((event: MessageEvent<Request>) => void) | null; postMessage(message: unknown): void };
scope.onmessage = async ({ data: request }) => {
  try {
    const result =
      request.op === 'search'
        ? await search(request.args)
        : await Promise.all((results.get(request.args.view) ?? []).slice(request.args.from, request.args.from + request.args.count).map(pick));
    scope.postMessage({ id: request.id, result });
  } catch (error) {
    scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};

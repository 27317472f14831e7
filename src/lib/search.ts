/**
 * Site search without the DOM: the filters every searchable page carries, the search URL
 * (`?q=…&type=tree`, the same fields the search form submits), and the safe handling of what
 * Pagefind returns. Used by the pages that write the index, the search island and the tests.
 */
import { AUDIENCES, CONFIDENCES, type Audience, type Confidence } from '../schemas/vocabulary.ts';

/** Filter groups, in the order the search page shows them. Also the URL parameter names. */
export const FILTER_GROUPS = ['type', 'category', 'audience', 'status'] as const;
export type FilterGroup = (typeof FILTER_GROUPS)[number];

export const SEARCH_TYPES = ['article', 'tree', 'training'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * What the index knows about one searchable page. Filter values are ids (`tree`, `netzwerk`,
 * `first-level`), not labels: both language indexes share them and each page shows its own labels.
 */
export interface SearchFacet {
  type: SearchType;
  category: string;
  audience: Audience;
  /** Confidence state; articles only. */
  status?: Confidence | undefined;
}

/** Selected filter values per group. */
export type FilterState = Partial<Record<FilterGroup, string[]>>;

export interface SearchState {
  q: string;
  filters: FilterState;
}

/** The `name:value` pairs a page hands Pagefind as `data-pagefind-filter`. */
export function facetFilters(facet: SearchFacet): [FilterGroup, string][] {
  return FILTER_GROUPS.flatMap((group): [FilterGroup, string][] => {
    const value = facet[group];
    return value ? [[group, value]] : [];
  });
}

/**
 * The values worth offering per group: those that occur in the build, in vocabulary order (types,
 * audiences, states) or by `categoryOrder`. A group whose pages all share one value filters nothing
 * and is left out (the employee build has one audience).
 */
export function filterOptions(facets: readonly SearchFacet[], categoryOrder: readonly string[]): [FilterGroup, string[]][] {
  const order: Record<FilterGroup, readonly string[]> = {
    type: SEARCH_TYPES,
    category: categoryOrder,
    audience: AUDIENCES,
    status: CONFIDENCES,
  };
  return FILTER_GROUPS.flatMap((group): [FilterGroup, string[]][] => {
    const present = new Set(facets.flatMap((f) => (f[group] ? [f[group]] : [])));
    const rank = (v: string) => {
      const i = order[group].indexOf(v);
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    const values = [...present].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return values.length > 1 ? [[group, values]] : [];
  });
}

const MAX_QUERY = 200;
const MAX_VALUES = 50;
const VALUE = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Reads the query and filters from a search URL; unknown parameters and malformed values are ignored. */
export function readSearchParams(params: URLSearchParams): SearchState {
  const q = (params.get('q') ?? '').trim().slice(0, MAX_QUERY);
  const filters: FilterState = {};
  for (const group of FILTER_GROUPS) {
    const values = [...new Set(params.getAll(group))].filter((v) => VALUE.test(v)).slice(0, MAX_VALUES);
    if (values.length) filters[group] = values;
  }
  return { q, filters };
}

/** The URL query for a search state (`?q=Drucker&type=tree`), or '' for an empty search. */
export function searchQuery({ q, filters }: SearchState): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  for (const group of FILTER_GROUPS) for (const value of filters[group] ?? []) params.append(group, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function hasFilters(filters: FilterState): boolean {
  return FILTER_GROUPS.some((g) => (filters[g]?.length ?? 0) > 0);
}

/** Pagefind's filter argument: any selected value within a group, every group with a selection. */
export function pagefindFilters(filters: FilterState): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const group of FILTER_GROUPS) if (filters[group]?.length) out[group] = { any: [...filters[group]] };
  return out;
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/**
 * Splits a Pagefind excerpt into plain text and highlighted words. Pagefind escapes `<` and `>` of
 * the page text and adds `<mark>` around matches; nothing else in an excerpt is markup. The parts
 * are meant for text nodes, so whatever an article contains is shown, never parsed as HTML.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) {
      const text = piece.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      const last = parts.at(-1);
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}

/**
 * A result's URL if it is a path on this site (`/artikel/x/`, `/artikel/x/#loesung`), else
 * undefined: the index is built from our own pages, but a link never leaves the site or runs script.
 */
export function resultUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return undefined;
  return /[\s\u0000-\u001f]/.test(url) ? undefined : url;
}

/** UI strings the search island needs, handed over as JSON in `data-strings` (see src/i18n). */
export interface SearchStrings {
  countOne: string;
  countMany: string;
  countFor: string;
  none: string;
  noneFiltered: string;
  loading: string;
  unavailable: string;
  shown: string;
  sections: string;
  /** "No page contains all words – {count} for „{words}“". */
  subset: string;
  /** "Meinten Sie:" before a corrected query. */
  suggest: string;
  /** Ticket title for a search without result, `{q}`. */
  ticketTitle: string;
  types: Record<SearchType, string>;
}

/** Fills `{name}` placeholders, as the site's i18n does. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * The status line after a search: "12 Treffer für „Drucker“", "Keine Treffer …", and when no page
 * holds every word, which words the results are for ("Keine Seite enthält alle Wörter – …").
 */
export function statusText(s: SearchStrings, total: number, q: string, matched?: readonly string[]): string {
  if (total === 0) return q ? fill(s.none, { q }) : s.noneFiltered;
  const count = fill(total === 1 ? s.countOne : s.countMany, { n: total });
  if (q && matched?.length) return fill(s.subset, { count, words: matched.join(' ') });
  return q ? fill(s.countFor, { count, q }) : count;
}

/**
 * Site search for the search page and the search dialog. Pagefind runs in a worker of our own
 * (src/islands/search-worker.ts), so the page's main thread only asks and renders: one page of
 * results in one pass (no placeholders that fill one by one), text set with `textContent`, never
 * as HTML. Searches the page's language first and merges the other language's index at a lower
 * weight, so an error code documented only in English is found from a German page.
 */
import {
  excerptParts,
  fill,
  hasFilters,
  readSearchParams,
  resultUrl,
  searchQuery,
  statusText,
  type FilterGroup,
  type FilterState,
  type SearchState,
  type SearchStrings,
  type SearchType,
} from '../lib/search.ts';
import { fillTicketUrl } from '../lib/links.ts';
import { searchEvent } from './events.ts';
import type { Counts, Request, ResultData, SearchAnswer } from './search-worker.ts';

const PAGE_SIZE = 10;
const lang = (): 'de' | 'en' => (document.documentElement.lang === 'en' ? 'en' : 'de');

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();

/** Sends one request to the search worker (started on first use; restarted after a crash). */
function ask(op: 'search', args: Extract<Request, { op: 'search' }>['args']): Promise<SearchAnswer>;
function ask(op: 'more', args: Extract<Request, { op: 'more' }>['args']): Promise<ResultData[]>;
function ask(op: Request['op'], args: Request['args']): Promise<unknown> {
  if (!worker) {
    worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<{ id: number; result?: never; error?: string }>) => {
      const call = pending.get(data.id);
      pending.delete(data.id);
      if (data.error === undefined) call?.resolve(data.result!);
      else call?.reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      for (const call of pending.values()) call.reject(new Error(event.message || 'search worker failed'));
      pending.clear();
      worker?.terminate();
      worker = undefined;
    };
  }
  const id = ++nextId;
  const request = { id, op, args } as Request;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: never) => void, reject });
    worker!.postMessage(request);
  });
}

/** Results, status line and "more" button inside one search root (`[data-search]`). */
class SearchView {
  readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLElement;
  /** "Meinten Sie: …?" with the corrected query as a button. */
  private readonly suggest: HTMLParagraphElement;
  /** Decision trees and "Ticket erstellen", shown when nothing is found (SearchEmpty.astro). */
  private readonly empty: HTMLElement | null;
  private readonly strings: SearchStrings;
  private readonly heading: string;
  private readonly name: string;
  /** What the status line says before a search: the markup's text (the dialog's hint, or nothing). */
  private readonly idle: string;
  private total = 0;
  private shown = 0;
  private generation = 0;
  /**
   * The last search of this visit, not yet reported: sent with the clicked result, or without a
   * click when the page is left. Searches typed over are never sent, only where the reader stopped.
   */
  private pending: { query: string; results: number; fallback: boolean; corrected: boolean } | undefined;

  /** `withCounts`: answers carry how many results each filter value would give. */
  private readonly withCounts: boolean;

  /** What a click on a suggested query does: search it as if typed. */
  private readonly onSuggest: (q: string) => void;

  constructor(root: HTMLElement, withCounts = false, onSuggest?: (q: string) => void) {
    this.withCounts = withCounts;
    this.name = root.dataset.search ?? 'search';
    this.input = root.querySelector('input[type=search]')!;
    this.status = root.querySelector('.search-status')!;
    this.idle = this.status.textContent ?? '';
    this.list = root.querySelector('.search-results')!;
    this.more = root.querySelector('.search-more')!;
    this.strings = __KB_SEARCH_STRINGS__[lang()];
    this.heading = `h${this.list.dataset.heading ?? '2'}`;
    this.more.querySelector('button')!.addEventListener('click', () => void this.showMore());
    this.empty = root.querySelector<HTMLElement>('.search-empty');
    this.suggest = el('p', 'search-suggest');
    this.suggest.hidden = true;
    this.status.after(this.suggest);
    this.list.addEventListener('click', (event) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>('.search-result-title a');
      if (!link || !this.pending) return;
      const rank = [...this.list.querySelectorAll('.search-result-title a')].indexOf(link) + 1;
      const id = /\/([a-z0-9-]+)\/(?:#.*)?$/.exec(link.pathname)?.[1] ?? '';
      searchEvent({ ...this.pending, clicked: { rank, id } });
      this.pending = undefined;
    });
    addEventListener('pagehide', () => {
      if (this.pending) searchEvent(this.pending);
      this.pending = undefined;
    });
    this.onSuggest =
      onSuggest ??
      ((q) => {
        this.input.value = q;
        this.input.dispatchEvent(new Event('input'));
      });
  }

  /** "Meinten Sie: <button>kennwort vergessen</button>?", or nothing. */
  private showSuggestion(suggestion: string | undefined) {
    this.suggest.hidden = !suggestion;
    if (!suggestion) return this.suggest.replaceChildren();
    const button = el('button', 'link-button');
    button.type = 'button';
    button.textContent = suggestion;
    button.addEventListener('click', () => {
      this.onSuggest(suggestion);
      this.input.focus();
    });
    this.suggest.replaceChildren(`${this.strings.suggest} `, button, '?');
  }

  /** The way on when nothing is found: trees and a ticket that carries the query. */
  private showEmpty(q: string | undefined) {
    if (!this.empty) return;
    this.empty.hidden = q === undefined;
    const link = this.empty.querySelector<HTMLAnchorElement>('[data-ticket-link]');
    const template = this.empty.dataset.ticket;
    if (q !== undefined && link && template)
      link.href = fillTicketUrl(template, { title: fill(this.strings.ticketTitle, { q }), description: q });
  }

  /** Runs a search and shows its first page; resolves with the answer, or undefined if superseded. */
  async search({ q, filters }: SearchState): Promise<SearchAnswer | undefined> {
    const generation = ++this.generation;
    if (!q && !hasFilters(filters)) return this.clear(this.idle);
    const busy = setTimeout(() => generation === this.generation && (this.status.textContent = this.strings.loading), 400);
    try {
      const answer = await ask('search', { lang: lang(), view: this.name, q, filters, count: PAGE_SIZE, withCounts: this.withCounts });
      if (generation !== this.generation) return undefined;
      this.total = answer.total;
      this.render(answer.data, 0);
      this.status.textContent = statusText(
        this.strings,
        answer.total,
        answer.total ? (answer.suggestion ?? q) : q,
        answer.mode === 'subset' ? answer.matched : undefined,
      );
      this.showSuggestion(answer.suggestion);
      this.showEmpty(answer.total === 0 && q ? q : undefined);
      this.pending = q
        ? { query: q, results: answer.total, fallback: answer.mode === 'subset', corrected: answer.suggestion !== undefined }
        : undefined;
      return answer;
    } catch (error) {
      if (generation === this.generation) this.clear(this.strings.unavailable);
      console.error(error);
      return undefined;
    } finally {
      clearTimeout(busy);
    }
  }

  /** Empties the list and says `status`. */
  private clear(status: string): undefined {
    this.total = 0;
    this.render([], 0);
    this.status.textContent = status;
    this.showSuggestion(undefined);
    this.showEmpty(undefined);
    return undefined;
  }

  private loadingMore = false;

  private async showMore() {
    if (this.loadingMore) return; // a double click adds one page, not two copies of it
    this.loadingMore = true;
    try {
      const generation = this.generation;
      const next = await ask('more', { view: this.name, from: this.shown, count: PAGE_SIZE });
      if (generation !== this.generation) return;
      this.render(next, this.shown)?.focus();
    } finally {
      this.loadingMore = false;
    }
  }

  /** Shows `data` from position `from` on (0 replaces the list); returns the first new link. */
  private render(data: ResultData[], from: number): HTMLAnchorElement | undefined {
    const items = data.flatMap((d) => this.item(d) ?? []);
    if (from === 0) this.list.replaceChildren(...items);
    else this.list.append(...items);
    this.shown = from + data.length;
    const total = this.total;
    this.more.hidden = this.shown >= total;
    this.more.querySelector('span')!.textContent = fill(this.strings.shown, { shown: this.shown, total });
    return items[0]?.querySelector('a') ?? undefined;
  }

  private item(d: ResultData): HTMLLIElement | undefined {
    const url = resultUrl(d.meta.url ?? d.url);
    if (!url) return undefined;
    const li = el('li', 'search-result');
    const heading = li.appendChild(el(this.heading, 'search-result-title'));
    const link = heading.appendChild(el('a'));
    link.href = url;
    link.textContent = d.meta.title || url;
    const type = this.strings.types[d.meta.type as SearchType] as string | undefined;
    const category = d.meta[`category_${lang()}`] ?? d.meta.category_de;
    if (type || category) {
      const meta = li.appendChild(el('p', 'search-result-meta'));
      if (type) meta.appendChild(el('span', 'badge')).textContent = type;
      if (category) meta.append(` ${category}`);
    }
    if (d.excerpt) {
      const excerpt = li.appendChild(el('p', 'search-result-excerpt'));
      for (const part of excerptParts(d.excerpt))
        excerpt.append(part.mark ? Object.assign(el('mark'), { textContent: part.text }) : part.text);
    }
    // Matching sections of the page (its headings), not the page itself.
    const titles = new Set([d.meta.title]);
    const sections = d.sub_results.filter((s) => s.url.includes('#') && !titles.has(s.title) && titles.add(s.title)).slice(0, 3);
    const links = sections.flatMap((s) => {
      const href = resultUrl(s.url);
      return href ? [Object.assign(el('a'), { href, textContent: s.title })] : [];
    });
    if (links.length) {
      const list = li.appendChild(el('ul', 'search-result-sections'));
      list.setAttribute('aria-label', this.strings.sections);
      for (const a of links) list.appendChild(el('li')).append(a);
    }
    return li;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K];
function el(tag: string, className?: string): HTMLElement;
function el(tag: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

/** The search page: the form is the state, the URL follows it, filters show how many results each would give. */
export function initSearchPage() {
  const root = document.querySelector<HTMLElement>('[data-search="page"]');
  if (!root) return;
  const form = root.querySelector('form')!;
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
  const reset = form.querySelector<HTMLButtonElement>('.search-reset');
  const view: SearchView = new SearchView(root, boxes.length > 0, (q) => {
    view.input.value = q;
    void run();
  });
  const title = document.title;

  const state = (): SearchState => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) params.append(name, String(value));
    return readSearchParams(params);
  };
  const showSelection = (filters: FilterState) => {
    for (const details of form.querySelectorAll('details')) {
      const n = details.querySelectorAll('input:checked').length;
      details.querySelector('.search-filter-selected')!.textContent = n ? `(${n})` : '';
    }
    if (reset) reset.hidden = !hasFilters(filters);
  };
  const showCounts = (counts: Counts | undefined) => {
    for (const box of boxes) {
      const n = counts?.[box.name]?.[box.value];
      box.closest('label')!.querySelector('.search-filter-count')!.textContent = n === undefined ? '' : String(n);
      box.closest('label')!.classList.toggle('is-empty', n === 0 && !box.checked);
    }
  };
  let runs = 0;
  const run = async () => {
    const run = ++runs;
    const current = state();
    history.replaceState(null, '', `${location.pathname}${searchQuery(current)}`);
    document.title = current.q ? `„${current.q}“ – ${title}` : title;
    showSelection(current.filters);
    const response = await view.search(current);
    if (run === runs) showCounts(response?.counts);
  };

  // The URL is the starting state: `?q=` from any search field, filters from a shared link.
  const initial = readSearchParams(new URLSearchParams(location.search));
  view.input.value = initial.q;
  for (const box of boxes) {
    box.checked = initial.filters[box.name as FilterGroup]?.includes(box.value) ?? false;
    if (box.checked) box.closest('details')!.open = true;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  view.input.addEventListener(
    'input',
    debounce(() => void run(), 150),
  );
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('input[type=checkbox]')) void run();
  });
  reset?.addEventListener('click', () => {
    for (const box of boxes) box.checked = false;
    void run();
    view.input.focus();
  });
  // The header's search field and Ctrl/Cmd+K search here instead of opening the dialog.
  for (const other of document.querySelectorAll<HTMLFormElement>('form[data-search-modal]')) {
    other.addEventListener('submit', (event) => {
      event.preventDefault();
      view.input.value = other.querySelector('input')!.value;
      void run();
      view.input.focus();
    });
  }
  document.addEventListener('keydown', (event) => {
    // Same shortcut as src/islands/search-trigger.ts, which stays free of imports to keep it 1 KB.
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      view.input.focus();
      view.input.select();
    }
  });
  if (initial.q || hasFilters(initial.filters)) void run();
}

let dialogView: SearchView | undefined;

/**
 * Opens the search dialog (rendered closed by SearchModalLoader.astro). With a `term`, searches
 * for it and leaves the caret at its end, so typing goes on; without, selects the last search.
 */
export function openModal(term?: string) {
  const dialog = document.querySelector<HTMLDialogElement>('dialog[data-search="dialog"]');
  if (!dialog) return;
  const view = (dialogView ??= setUpDialog(dialog));
  if (!dialog.open) dialog.showModal();
  view.input.focus();
  if (term === undefined) view.input.select();
  else {
    view.input.value = term;
    view.input.setSelectionRange(term.length, term.length);
  }
  view.input.dispatchEvent(new Event('input'));
}

function setUpDialog(dialog: HTMLDialogElement): SearchView {
  const view = new SearchView(dialog);
  const all = dialog.querySelector<HTMLAnchorElement>('.search-dialog-all a')!;
  const page = all.pathname;
  let last: string | undefined;
  view.input.addEventListener(
    'input',
    debounce(() => {
      const q = view.input.value.trim();
      if (q === last) return;
      last = q;
      all.href = `${page}${searchQuery({ q, filters: {} })}`;
      void view.search({ q, filters: {} });
    }, 120),
  );
  dialog.querySelector('[data-close]')!.addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  // Down arrow from the field moves to the first result; Enter there submits to the search page.
  view.input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = dialog.querySelector<HTMLAnchorElement>('.search-result a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  return view;
}

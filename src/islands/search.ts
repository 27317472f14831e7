/**
 * Site search with Pagefind's Component UI, loaded only when a reader searches: the header and
 * home search fields and Ctrl/Cmd+K open a modal; the search page has the full UI with filters and
 * the query in the URL. Searches the page's language first and merges the other language's index
 * at a lower weight, so an error code documented only in English is found from German pages.
 */

type Instance = {
  triggerSearch(term: string): void;
  on(event: 'search', cb: (term: string) => void, owner?: unknown): void;
};
type Components = {
  configureInstance(name: string, options: Record<string, unknown>): Instance;
  getInstanceManager(): { getInstance(name?: string): Instance };
};

/** One Pagefind bundle per language, written by src/integrations/pagefind-index.ts. */
const bundle = (lang: 'de' | 'en') => `/pagefind/${lang}/`;
let loading: Promise<Components> | undefined;

function pageLang(): 'de' | 'en' {
  return document.documentElement.lang === 'en' ? 'en' : 'de';
}

/** Loads the Component UI script and styles once and configures the shared instance. */
export function loadSearchUI(): Promise<Components> {
  loading ??= new Promise<Components>((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${bundle(pageLang())}pagefind-component-ui.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${bundle(pageLang())}pagefind-component-ui.js`;
    script.onload = () => {
      const components = (window as unknown as { PagefindComponents: Components }).PagefindComponents;
      const other = pageLang() === 'de' ? 'en' : 'de';
      components.configureInstance('default', {
        bundlePath: bundle(pageLang()),
        // Results in the page's language rank first; the other language's still show.
        mergeIndex: [{ bundlePath: bundle(other), indexWeight: 0.6 }],
      });
      resolve(components);
    };
    script.onerror = () => reject(new Error('search is not available (no Pagefind index in this build)'));
    document.head.append(script);
  });
  return loading;
}

let modal: (HTMLElement & { open(): void }) | undefined;

/** Opens the search modal, searching for `term` if given. */
export async function openModal(term = '') {
  const components = await loadSearchUI();
  if (!modal) {
    const config = document.createElement('pagefind-config');
    config.setAttribute('lang', pageLang());
    modal = document.createElement('pagefind-modal') as HTMLElement & { open(): void };
    modal.setAttribute('reset-on-close', '');
    document.body.append(config, modal);
    await customElements.whenDefined('pagefind-modal');
    await new Promise((r) => requestAnimationFrame(r));
  }
  modal.open();
  const input = modal.querySelector<HTMLInputElement>('input[type=search]');
  if (term && input) {
    input.value = term;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  } else if (term) components.getInstanceManager().getInstance('default').triggerSearch(term);
}

/** The search page: the full UI is in the markup; this loads it and keeps `?q=` in the URL. */
export async function initSearchPage() {
  const components = await loadSearchUI();
  const instance = components.getInstanceManager().getInstance('default');
  instance.on('search', (term) => {
    const url = new URL(location.href);
    if (term) url.searchParams.set('q', term);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q) instance.triggerSearch(q);
}

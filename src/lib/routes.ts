/**
 * The route table: every page of the site as data. Each route has a kind, a URL pattern built from
 * words that are translated per locale, the list of paths it has (implemented in src/data/paths.ts)
 * and the view that renders it (src/pages/[...path].astro). The page files, the links pages build,
 * the reserved training ids, link checking, lint and the language switcher all derive from here.
 *
 * URL scheme: the primary locale (German) lives at the root, every other locale under `/<locale>/`.
 * Pure TypeScript: no Astro imports and no site configuration (the configured locales are passed in).
 */
import type { Locale } from '../schemas/vocabulary.ts';

/** A site locale as data (the configured list may hold more than the `Locale` type knows). */
export type SiteLocale = Locale | (string & {});

/** The locale at the root of the site; every other locale is served under `/<locale>/`. */
export const PRIMARY_LOCALE: Locale = 'de';

/**
 * URL words per locale. A locale without an entry (or without a word) uses the English word, so a
 * new locale needs no entry here; add one only to translate its URLs.
 */
export const ROUTE_WORDS = {
  en: {
    categories: 'categories',
    tags: 'tags',
    articles: 'articles',
    diagnose: 'diagnose',
    training: 'training',
    search: 'search',
    script: 'script',
    review: 'review',
    calendar: 'calendar',
    for: 'for',
    topic: 'topic',
    needs: 'needs',
    escalations: 'escalations',
    drafts: 'drafts',
    usage: 'usage',
    notFound: '404',
  },
  de: {
    categories: 'kategorien',
    tags: 'tags',
    articles: 'artikel',
    diagnose: 'diagnose',
    training: 'schulungen',
    search: 'suche',
    script: 'skript',
    review: 'pruefung',
    calendar: 'kalender',
    for: 'fuer',
    topic: 'thema',
    needs: 'bedarf',
    escalations: 'eskalationen',
    drafts: 'entwuerfe',
    usage: 'nutzung',
    notFound: '404',
  },
} as const satisfies Record<string, Record<string, string>>;
export type RouteWord = keyof (typeof ROUTE_WORDS)['en'];

/** Which list of paths a route has; src/data/paths.ts lists each one. */
export type RouteList =
  | 'once'
  | 'staff'
  | 'articles'
  | 'trees'
  | 'categories'
  | 'tags'
  | 'training'
  | 'trainingAudiences'
  | 'trainingCategories'
  | 'sessions'
  | 'feedAudiences'
  | 'notFound';

/** The component (src/components/<View>.astro) that renders a page, or `ics` for calendar files. */
export type RouteView =
  | 'HomePage'
  | 'CategoryIndexPage'
  | 'ArticleListPage'
  | 'ArticlePage'
  | 'DiagnosePage'
  | 'TreePage'
  | 'TreeScriptPage'
  | 'TrainingPage'
  | 'TrainingModulePage'
  | 'TrainingCalendarPage'
  | 'TrainingNeedsPage'
  | 'SearchPage'
  | 'EscalationsPage'
  | 'ReviewPage'
  | 'DraftsPage'
  | 'UsageInsightsPage'
  | 'NotFoundPage'
  | 'ics';

export interface RouteDef {
  /**
   * The path after the locale prefix. `{word}` is a translated URL word, `:name` a parameter,
   * `:page?` an optional page number (omitted for page 1). Page routes end in `/`, files in their extension.
   */
  pattern: string;
  list: RouteList;
  view: RouteView;
  /**
   * The same parameters exist in every locale, so the language switcher links the same page in the
   * other language. Content that exists in one language only (articles, trees, modules) links the
   * other language's home page instead.
   */
  translated: boolean;
}

export const ROUTES = {
  home: { pattern: '', list: 'once', view: 'HomePage', translated: true },
  categories: { pattern: '{categories}/', list: 'once', view: 'CategoryIndexPage', translated: true },
  category: { pattern: '{categories}/:id/:page?/', list: 'categories', view: 'ArticleListPage', translated: true },
  tag: { pattern: '{tags}/:tag/:page?/', list: 'tags', view: 'ArticleListPage', translated: true },
  article: { pattern: '{articles}/:id/', list: 'articles', view: 'ArticlePage', translated: false },
  diagnose: { pattern: '{diagnose}/', list: 'once', view: 'DiagnosePage', translated: true },
  tree: { pattern: '{diagnose}/:id/', list: 'trees', view: 'TreePage', translated: false },
  treeScript: { pattern: '{diagnose}/:id/{script}/', list: 'trees', view: 'TreeScriptPage', translated: false },
  training: { pattern: '{training}/', list: 'once', view: 'TrainingPage', translated: true },
  trainingCalendar: { pattern: '{training}/{calendar}/', list: 'once', view: 'TrainingCalendarPage', translated: true },
  trainingByAudience: { pattern: '{training}/{for}/:audience/', list: 'trainingAudiences', view: 'TrainingPage', translated: true },
  trainingByCategory: { pattern: '{training}/{topic}/:category/', list: 'trainingCategories', view: 'TrainingPage', translated: true },
  trainingNeeds: { pattern: '{training}/{needs}/', list: 'staff', view: 'TrainingNeedsPage', translated: true },
  trainingModule: { pattern: '{training}/:id/', list: 'training', view: 'TrainingModulePage', translated: false },
  trainingFeed: { pattern: '{training}/{calendar}.ics', list: 'once', view: 'ics', translated: true },
  trainingFeedAudience: { pattern: '{training}/{calendar}-:audience.ics', list: 'feedAudiences', view: 'ics', translated: true },
  sessionIcs: { pattern: '{training}/:id/:session.ics', list: 'sessions', view: 'ics', translated: false },
  search: { pattern: '{search}/', list: 'once', view: 'SearchPage', translated: true },
  escalations: { pattern: '{escalations}/', list: 'staff', view: 'EscalationsPage', translated: true },
  review: { pattern: '{review}/', list: 'staff', view: 'ReviewPage', translated: true },
  drafts: { pattern: '{drafts}/', list: 'staff', view: 'DraftsPage', translated: true },
  /** Usage insights from `kb report`: searches, article feedback, tree funnels, KCS measures. */
  usage: { pattern: '{usage}/', list: 'staff', view: 'UsageInsightsPage', translated: true },
  /** The primary locale's 404 page is src/pages/404.astro (Astro's own); the others are listed here. */
  notFound: { pattern: '{notFound}/', list: 'notFound', view: 'NotFoundPage', translated: false },
} as const satisfies Record<string, RouteDef>;
export type RouteKind = keyof typeof ROUTES;
export const ROUTE_KINDS = Object.keys(ROUTES) as RouteKind[];

export type RouteParams = Record<string, string | number | undefined>;

/** The URL word `word` in `locale` (English when the locale has no translation). */
export function routeWord(word: RouteWord, locale: SiteLocale): string {
  const table: Partial<Record<RouteWord, string>> | undefined = (ROUTE_WORDS as Record<string, Partial<Record<RouteWord, string>>>)[locale];
  return table?.[word] ?? ROUTE_WORDS.en[word];
}

/** The URL prefix of a locale: `/` for the primary locale, `/<locale>/` for the others. */
export function localePrefix(locale: SiteLocale): string {
  return locale === PRIMARY_LOCALE ? '/' : `/${locale}/`;
}

const encodeParam = (name: string, value: string | number) => (name === 'tag' ? encodeURIComponent(String(value)) : String(value));

/** The URL of a route in a locale. Throws on a missing parameter (a programming error). */
export function pathOf(kind: RouteKind, locale: SiteLocale, params: RouteParams = {}): string {
  const rest = ROUTES[kind].pattern
    .replace(/\{(\w+)\}/g, (_, w: string) => routeWord(w as RouteWord, locale))
    .replace(/:(\w+)\?\//g, (_, name: string) => {
      const v = params[name];
      return v === undefined || Number(v) <= 1 ? '' : `${v}/`;
    })
    .replace(/:(\w+)/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined || v === '') throw new Error(`route "${kind}" needs the parameter "${name}"`);
      return encodeParam(name, v);
    });
  return `${localePrefix(locale)}${rest}`;
}

/** A URL path matched against the route table. */
export interface RouteMatch {
  kind: RouteKind;
  /** The locale of the URL's prefix. */
  locale: SiteLocale;
  /** The locale whose URL words the path uses (differs from `locale` only in a wrong link). */
  wordsLocale: SiteLocale;
  params: Record<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternRegex(kind: RouteKind, wordsLocale: SiteLocale): RegExp {
  let src = '';
  const pattern: string = ROUTES[kind].pattern;
  for (const part of pattern.split(/(\{\w+\}|:\w+\?\/|:\w+)/).filter(Boolean)) {
    const word = /^\{(\w+)\}$/.exec(part);
    const optional = /^:(\w+)\?\/$/.exec(part);
    const param = /^:(\w+)$/.exec(part);
    if (word) src += escape(routeWord(word[1] as RouteWord, wordsLocale));
    else if (optional) src += `(?:(?<${optional[1]}>[2-9]|[1-9][0-9]+)/)?`;
    else if (param) src += `(?<${param[1]}>[^/]+?)`;
    else src += escape(part);
  }
  return new RegExp(`^${src}$`);
}

const regexCache = new Map<string, RegExp>();

/**
 * The route a URL path (without origin) belongs to, or null. A page path without its trailing
 * slash matches too; `#fragment` and `?query` are ignored. `locales` are the site's locales;
 * with `anyWords`, the words of any locale are accepted under any prefix (to explain wrong links).
 */
export function matchPath(href: string, locales: readonly SiteLocale[], options: { anyWords?: boolean } = {}): RouteMatch | null {
  const path = href.replace(/[?#].*$/, '');
  if (!path.startsWith('/')) return null;
  const prefixed = locales
    .filter((l) => l !== PRIMARY_LOCALE && path.startsWith(`/${l}/`))
    .map((l) => ({ locale: l, rest: path.slice(l.length + 2) }));
  const candidates = prefixed.length ? prefixed : [{ locale: PRIMARY_LOCALE as SiteLocale, rest: path.slice(1) }];
  const wordLocales = (l: SiteLocale) =>
    options.anyWords ? [l, ...new Set([...locales, ...Object.keys(ROUTE_WORDS)])].filter((x, i, a) => a.indexOf(x) === i) : [l];
  for (const { locale, rest } of candidates) {
    const variants = rest === '' || rest.endsWith('/') || /\.\w+$/.test(rest) ? [rest] : [rest, `${rest}/`];
    for (const wordsLocale of wordLocales(locale)) {
      for (const kind of ROUTE_KINDS) {
        const key = `${kind}\u0000${wordsLocale}`;
        let re = regexCache.get(key);
        if (!re) regexCache.set(key, (re = patternRegex(kind, wordsLocale)));
        for (const v of variants) {
          const m = re.exec(v);
          if (m) {
            const params: Record<string, string> = {};
            for (const [k, val] of Object.entries(m.groups ?? {})) if (val !== undefined) params[k] = k === 'tag' ? safeDecode(val) : val;
            if (kind === 'trainingModule' && reservedTrainingIds(locales).has(params.id ?? '')) continue;
            return { kind, locale, wordsLocale, params };
          }
        }
      }
    }
  }
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * URL words that follow `{training}/` in another route, in every locale with URL words of its own
 * and the given ones: a training module cannot take such an id, its page would collide.
 */
export function reservedTrainingIds(locales: readonly SiteLocale[] = []): ReadonlySet<string> {
  const words = new Set<string>();
  const all = [...new Set([...Object.keys(ROUTE_WORDS), ...locales])];
  for (const def of Object.values(ROUTES) as RouteDef[]) {
    const m = /^\{training\}\/\{(\w+)\}/.exec(def.pattern);
    if (m) for (const l of all) words.add(routeWord(m[1] as RouteWord, l));
  }
  return words;
}

/** URLs of the pages, for links. Every helper goes through the route table. */
export const routes = {
  home: (l: Locale) => pathOf('home', l),
  categories: (l: Locale) => pathOf('categories', l),
  category: (id: string, l: Locale, page = 1) => pathOf('category', l, { id, page }),
  tag: (tag: string, l: Locale, page = 1) => pathOf('tag', l, { tag, page }),
  /** An article lives under the prefix of its own language. */
  article: (id: string, lang: Locale) => pathOf('article', lang, { id }),
  diagnose: (l: Locale) => pathOf('diagnose', l),
  /** A decision tree lives under the prefix of its own language. */
  tree: (id: string, lang: Locale) => pathOf('tree', lang, { id }),
  /** Flowchart and printable phone script of a tree. */
  treeScript: (id: string, lang: Locale) => pathOf('treeScript', lang, { id }),
  training: (l: Locale) => pathOf('training', l),
  search: (l: Locale) => pathOf('search', l),
  /** A training module lives under the prefix of its own language. */
  trainingModule: (id: string, lang: Locale) => pathOf('trainingModule', lang, { id }),
  sessionIcs: (id: string, session: string, lang: Locale) => pathOf('sessionIcs', lang, { id, session }),
  trainingCalendar: (l: Locale) => pathOf('trainingCalendar', l),
  trainingFeed: (l: Locale, audience?: string) => (audience ? pathOf('trainingFeedAudience', l, { audience }) : pathOf('trainingFeed', l)),
  trainingByAudience: (audience: string, l: Locale) => pathOf('trainingByAudience', l, { audience }),
  trainingByCategory: (category: string, l: Locale) => pathOf('trainingByCategory', l, { category }),
  trainingNeeds: (l: Locale) => pathOf('trainingNeeds', l),
  /** Staff builds only. */
  escalations: (l: Locale) => pathOf('escalations', l),
  /** Staff builds only. */
  review: (l: Locale) => pathOf('review', l),
  notFound: (l: Locale) => (l === PRIMARY_LOCALE ? '/404.html' : pathOf('notFound', l)),
  /** The browser editor (team mode), staff builds only; one page for both languages. */
  editor: () => '/redaktion/',
  /** Staff builds only: imported and other work-in-progress articles. */
  drafts: (l: Locale) => pathOf('drafts', l),
  /** Staff builds only: usage insights. */
  usage: (l: Locale) => pathOf('usage', l),
};

/**
 * The same page in each other locale, for the language switcher and `hreflang` links: the same
 * route with the same parameters where it exists in every locale, else that locale's home page.
 */
export function alternates(
  pathname: string,
  locale: SiteLocale,
  locales: readonly SiteLocale[],
): { locale: SiteLocale; href: string; samePage: boolean }[] {
  const here = matchPath(pathname, locales);
  return locales
    .filter((l) => l !== locale)
    .map((l) => {
      const samePage = here !== null && ROUTES[here.kind].translated;
      return { locale: l, href: samePage ? pathOf(here.kind, l, here.params) : pathOf('home', l), samePage };
    });
}

/** Pagination: items of page `page` (1-based) and the page count. */
export function paginate<T>(items: readonly T[], pageSize: number, page: number) {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pages };
}

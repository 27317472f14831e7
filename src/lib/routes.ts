/**
 * URLs of every page, per locale. German is the primary language and lives at the root;
 * English lives under /en/. Pages and components build links only through these helpers.
 */
import type { Locale } from '../schemas/common.ts';

const seg = {
  de: { categories: 'kategorien', tags: 'tags', articles: 'artikel', diagnose: 'diagnose', training: 'schulungen', search: 'suche', script: 'skript', review: 'pruefung', calendar: 'kalender', for: 'fuer', topic: 'thema', needs: 'bedarf', escalations: 'eskalationen', drafts: 'entwuerfe' },
  en: { categories: 'categories', tags: 'tags', articles: 'articles', diagnose: 'diagnose', training: 'training', search: 'search', script: 'script', review: 'review', calendar: 'calendar', for: 'for', topic: 'topic', needs: 'needs', escalations: 'escalations', drafts: 'drafts' },
} as const satisfies Record<Locale, Record<string, string>>;

const prefix = (l: Locale) => (l === 'de' ? '/' : '/en/');
const paged = (path: string, page: number) => (page > 1 ? `${path}${page}/` : path);

export const routes = {
  home: (l: Locale) => prefix(l),
  categories: (l: Locale) => `${prefix(l)}${seg[l].categories}/`,
  category: (id: string, l: Locale, page = 1) => paged(`${prefix(l)}${seg[l].categories}/${id}/`, page),
  tag: (tag: string, l: Locale, page = 1) => paged(`${prefix(l)}${seg[l].tags}/${encodeURIComponent(tag)}/`, page),
  /** An article lives under the prefix of its own language. */
  article: (id: string, lang: Locale) => `${prefix(lang)}${seg[lang].articles}/${id}/`,
  diagnose: (l: Locale) => `${prefix(l)}${seg[l].diagnose}/`,
  /** A decision tree lives under the prefix of its own language. */
  tree: (id: string, lang: Locale) => `${prefix(lang)}${seg[lang].diagnose}/${id}/`,
  /** Flowchart and printable phone script of a tree. */
  treeScript: (id: string, lang: Locale) => `${prefix(lang)}${seg[lang].diagnose}/${id}/${seg[lang].script}/`,
  training: (l: Locale) => `${prefix(l)}${seg[l].training}/`,
  search: (l: Locale) => `${prefix(l)}${seg[l].search}/`,
  /** A training module lives under the prefix of its own language. */
  trainingModule: (id: string, lang: Locale) => `${prefix(lang)}${seg[lang].training}/${id}/`,
  sessionIcs: (id: string, session: string, lang: Locale) => `${prefix(lang)}${seg[lang].training}/${id}/${session}.ics`,
  trainingCalendar: (l: Locale) => `${prefix(l)}${seg[l].training}/${seg[l].calendar}/`,
  trainingFeed: (l: Locale, audience?: string) => `${prefix(l)}${seg[l].training}/${seg[l].calendar}${audience ? `-${audience}` : ''}.ics`,
  trainingByAudience: (audience: string, l: Locale) => `${prefix(l)}${seg[l].training}/${seg[l].for}/${audience}/`,
  trainingByCategory: (category: string, l: Locale) => `${prefix(l)}${seg[l].training}/${seg[l].topic}/${category}/`,
  trainingNeeds: (l: Locale) => `${prefix(l)}${seg[l].training}/${seg[l].needs}/`,
  /** Staff builds only. */
  escalations: (l: Locale) => `${prefix(l)}${seg[l].escalations}/`,
  /** Staff builds only. */
  review: (l: Locale) => `${prefix(l)}${seg[l].review}/`,
  /** The browser editor (team mode), staff builds only; one page for both languages. */
  editor: () => '/redaktion/',
  /** Staff builds only: imported and other work-in-progress articles. */
  drafts: (l: Locale) => `${prefix(l)}${seg[l].drafts}/`,
};

/** Route segments, for `getStaticPaths` of the localized page files. */
export const routeSegments = seg;

/** Pagination: items of page `page` (1-based) and the page count. */
export function paginate<T>(items: readonly T[], pageSize: number, page: number) {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pages };
}

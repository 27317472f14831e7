/**
 * The paths of every route in the route table (src/lib/routes.ts), per locale, with the props its
 * view renders: what `getStaticPaths` of src/pages/[...path].astro and src/pages/[...file].ts returns.
 */
import config from '../../kb.config.ts';
import { paginate, pathOf, ROUTE_KINDS, ROUTES, type RouteKind, type RouteList, type RouteParams } from '../lib/routes.ts';
import type { Locale } from '../schemas/index.ts';
import { siteLocales, useTranslations } from '../i18n/index.ts';
import { buildAudience } from '../lib/audience.ts';
import { buildDate, reviewState } from '../lib/review.ts';
import { categoryDescription, categoryLabel, entryDigest, getKb, localeFirst, pageKey, type Kb } from './kb.ts';

// Every path may return a `cacheKey` (see `pageKey`): with Astro's incremental build an unchanged page
// is copied from the previous build instead of rendered again.
const today = () => buildDate().toISOString().slice(0, 10);

export interface RoutePath {
  params: RouteParams;
  props: Record<string, unknown>;
  cacheKey?: string;
}

type Lister = (kb: Kb, locale: Locale, kind: RouteKind) => RoutePath[];

function listPage(
  kb: Kb,
  locale: Locale,
  all: Kb['articles'],
  key: string,
  id: string,
  kind: 'category' | 'tag',
  title: string,
  description: string | undefined,
): RoutePath[] {
  const pages = Math.max(1, Math.ceil(all.length / config.pageSize));
  return Array.from({ length: pages }, (_, i) => {
    const p = paginate(all, config.pageSize, i + 1);
    const params = { [key]: id, page: i + 1 };
    return {
      params,
      cacheKey: pageKey(kb, kind, id, locale, i),
      props: {
        locale,
        title,
        description,
        articles: p.items,
        page: p.page,
        pages: p.pages,
        href: (n: number) => pathOf(kind, locale, { ...params, page: n }),
        category: kind === 'category' ? id : undefined,
      },
    };
  });
}

const listers: Record<RouteList, Lister> = {
  once: (_kb, locale) => [{ params: {}, props: { locale } }],
  /** One page in staff builds, none in the employee build. */
  staff: (_kb, locale) => (buildAudience() === 'employee' ? [] : [{ params: {}, props: { locale } }]),
  notFound: (_kb, locale) => (locale === siteLocales[0] ? [] : [{ params: {}, props: { locale } }]),
  categories: (kb, locale) =>
    kb.categories.flatMap((c) =>
      listPage(
        kb,
        locale,
        localeFirst(kb.byCategory.get(c.id) ?? [], locale),
        'id',
        c.id,
        'category',
        categoryLabel(c, locale),
        categoryDescription(c, locale),
      ),
    ),
  tags: (kb, locale) => {
    const t = useTranslations(locale);
    return [...kb.byTag.entries()].flatMap(([tag, list]) =>
      listPage(kb, locale, localeFirst(list, locale), 'tag', tag, 'tag', t('tag.title', { tag }), undefined),
    );
  },
  articles: (kb, locale) => {
    const now = buildDate();
    return kb.articles
      .filter((a) => a.data.lang === locale)
      .map((article) => ({
        params: { id: article.id },
        props: { article },
        cacheKey: pageKey(
          kb,
          'article',
          entryDigest(article.entry),
          (kb.related.get(article.id) ?? []).map((r) => r.id),
          reviewState(article.data.reviewBy, now),
          kb.trainingByArticle.has(article.id) ? today() : null,
        ),
      }));
  },
  trees: (kb, locale, kind) =>
    kb.trees
      .filter((t) => t.tree.lang === locale)
      .map((view) => ({ params: { id: view.id }, props: { view }, cacheKey: pageKey(kb, kind, view.id) })),
  training: (kb, locale) =>
    kb.training
      .filter((m) => m.data.lang === locale)
      .map((module) => ({
        params: { id: module.id },
        props: { module },
        cacheKey: pageKey(kb, 'training', entryDigest(module.entry), today()),
      })),
  trainingAudiences: (kb, locale) =>
    [...new Set(kb.training.map((m) => m.data.audience))].map((audience) => ({ params: { audience }, props: { locale, audience } })),
  trainingCategories: (kb, locale) =>
    [...new Set(kb.training.map((m) => m.data.category))].map((category) => ({ params: { category }, props: { locale, category } })),
  sessions: (kb, locale) =>
    kb.training
      .filter((m) => m.data.lang === locale)
      .flatMap((m) => m.sessions.map((s) => ({ params: { id: m.id, session: s.session.id }, props: { locale, session: s } }))),
  feedAudiences: (kb, locale) =>
    [...new Set(kb.training.map((m) => m.data.audience))].map((audience) => ({ params: { audience }, props: { locale, audience } })),
};

/** A static path of the catch-all route files: the URL without its outer slashes, and what to render. */
export interface SitePath {
  params: { path: string | undefined };
  props: { kind: RouteKind; locale: Locale; props: Record<string, unknown> };
  cacheKey?: string;
}

/** Every path of the routes rendered by `view` (`ics` files) or by a component (pages), in every site locale. */
export async function sitePaths(files: 'pages' | 'ics'): Promise<SitePath[]> {
  const kb = await getKb();
  const out: SitePath[] = [];
  for (const kind of ROUTE_KINDS) {
    const def = ROUTES[kind];
    if ((def.view === 'ics') !== (files === 'ics')) continue;
    for (const locale of siteLocales) {
      for (const p of listers[def.list](kb, locale, kind)) {
        const path = pathOf(kind, locale, p.params).replace(/^\/|\/$/g, '');
        out.push({
          params: { path: path || undefined },
          props: { kind, locale, props: p.props },
          ...(p.cacheKey ? { cacheKey: p.cacheKey } : {}),
        });
      }
    }
  }
  return out;
}

/** `getStaticPaths` helpers shared by the German and English page files. */
import config from '../../kb.config.ts';
import { paginate, routes } from '../lib/routes.ts';
import type { Locale } from '../schemas/index.ts';
import { useTranslations } from '../i18n/index.ts';
import { buildAudience } from '../lib/audience.ts';
import { buildDate, reviewState } from '../lib/review.ts';
import { categoryDescription, categoryLabel, entryDigest, getKb, localeFirst, pageKey } from './kb.ts';

// Every path returns a `cacheKey` (see `pageKey`): with Astro's incremental build an unchanged page
// is copied from the previous build instead of rendered again.
const today = () => buildDate().toISOString().slice(0, 10);

const other = (l: Locale): Locale => (l === 'de' ? 'en' : 'de');
const pageParam = (page: number) => (page > 1 ? String(page) : undefined);

export async function categoryPaths(locale: Locale) {
  const kb = await getKb();
  return kb.categories.flatMap((c) => {
    const all = localeFirst(kb.byCategory.get(c.id) ?? [], locale);
    const pages = Math.max(1, Math.ceil(all.length / config.pageSize));
    return Array.from({ length: pages }, (_, i) => {
      const p = paginate(all, config.pageSize, i + 1);
      return {
        params: { id: c.id, page: pageParam(i + 1) },
        cacheKey: pageKey(kb, 'category', c.id, locale, i),
        props: {
          locale,
          title: categoryLabel(c, locale),
          description: categoryDescription(c, locale),
          articles: p.items,
          page: p.page,
          pages: p.pages,
          href: (n: number) => routes.category(c.id, locale, n),
          alternate: routes.category(c.id, other(locale), i + 1),
          category: c.id,
        },
      };
    });
  });
}

export async function tagPaths(locale: Locale) {
  const kb = await getKb();
  const t = useTranslations(locale);
  return [...kb.byTag.entries()].flatMap(([tag, list]) => {
    const all = localeFirst(list, locale);
    const pages = Math.ceil(all.length / config.pageSize);
    return Array.from({ length: pages }, (_, i) => {
      const p = paginate(all, config.pageSize, i + 1);
      return {
        params: { tag, page: pageParam(i + 1) },
        cacheKey: pageKey(kb, 'tag', tag, locale, i),
        props: {
          locale,
          title: t('tag.title', { tag }),
          description: undefined,
          articles: p.items,
          page: p.page,
          pages: p.pages,
          href: (n: number) => routes.tag(tag, locale, n),
          alternate: routes.tag(tag, other(locale), i + 1),
        },
      };
    });
  });
}

export async function articlePaths(lang: Locale) {
  const kb = await getKb();
  const now = buildDate();
  return kb.articles
    .filter((a) => a.data.lang === lang)
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
}

export async function treePaths(lang: Locale) {
  const kb = await getKb();
  return kb.trees.filter((t) => t.tree.lang === lang).map((view) => ({ params: { id: view.id }, props: { view }, cacheKey: pageKey(kb, 'tree', view.id) }));
}

/** One page at the route's own URL in staff builds, none in the employee build. */
export function staffOnly() {
  return buildAudience() === 'employee' ? [] : [{ params: { staff: undefined } }];
}

export async function trainingPaths(lang: Locale) {
  const kb = await getKb();
  return kb.training
    .filter((m) => m.data.lang === lang)
    .map((module) => ({ params: { id: module.id }, props: { module }, cacheKey: pageKey(kb, 'training', entryDigest(module.entry), today()) }));
}

export async function trainingAudiencePaths() {
  const kb = await getKb();
  return [...new Set(kb.training.map((m) => m.data.audience))].map((audience) => ({ params: { audience }, props: { audience } }));
}

export async function trainingCategoryPaths() {
  const kb = await getKb();
  return [...new Set(kb.training.map((m) => m.data.category))].map((category) => ({ params: { category }, props: { category } }));
}

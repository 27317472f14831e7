/**
 * What a tree page needs from the rest of the KB: the articles its solution nodes link to, with
 * their titles and, where it differs from the tree's, their language.
 */
import type { Kb, TreeView } from './kb.ts';
import type { ArticleRef } from '../lib/trees.ts';
import type { Locale } from '../schemas/index.ts';

export interface TreeLinks {
  /** Published articles have a URL; others render as plain text. `lang` only where it differs from the tree's. */
  articles: Record<string, { title: string; url: string | null; lang: Locale | undefined }>;
  articleTitles: Record<string, ArticleRef>;
}

export function treeLinks(kb: Kb, view: TreeView): TreeLinks {
  const { tree } = view;
  const articles: TreeLinks['articles'] = {};
  for (const node of Object.values(tree.nodes)) {
    if (node.type !== 'solved' || articles[node.article]) continue;
    const a = kb.byId.get(node.article);
    articles[node.article] = { title: a?.data.title ?? node.article, url: a?.url ?? null, lang: a && a.data.lang !== tree.lang ? a.data.lang : undefined };
  }
  const articleTitles = Object.fromEntries(Object.entries(articles).map(([id, a]) => [id, { title: a.title, lang: a.lang }]));
  return { articles, articleTitles };
}

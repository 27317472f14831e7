/**
 * What a tree page needs from the rest of the KB: the articles its solution nodes (and those of the
 * trees that hand over to it) link to, and those earlier trees, so the handoff can list the steps
 * walked there (`?via=`).
 */
import type { Kb, TreeView } from './kb.ts';
import { predecessors, type ArticleRef, type StepTree } from '../lib/trees.ts';
import type { Locale, Tree } from '../schemas/index.ts';

export interface TreeLinks {
  /** Published articles have a URL; others render as plain text. `lang` only where it differs from the tree's. */
  articles: Record<string, { title: string; url: string | null; lang: Locale | undefined }>;
  articleTitles: Record<string, ArticleRef>;
  /** Trees that can hand over to this one, without help texts, fields or routing. */
  earlier: StepTree[];
}

export function treeLinks(kb: Kb, view: TreeView): TreeLinks {
  const { tree } = view;
  const articles: TreeLinks['articles'] = {};
  const note = (nodes: Tree['nodes']) => {
    for (const node of Object.values(nodes)) {
      if (node.type !== 'solved' || articles[node.article]) continue;
      const a = kb.byId.get(node.article);
      articles[node.article] = { title: a?.data.title ?? node.article, url: a?.url ?? null, lang: a && a.data.lang !== tree.lang ? a.data.lang : undefined };
    }
  };
  note(tree.nodes);
  const earlier = predecessors(
    kb.trees.map((v) => v.tree),
    tree.id,
  ).flatMap((id): StepTree[] => {
    const other = kb.treeById.get(id)?.tree;
    if (!other) return [];
    note(other.nodes);
    const nodes = Object.fromEntries(
      Object.entries(other.nodes).map(([nid, n]) => [nid, n.type === 'question' ? { ...n, help: undefined } : n.type === 'escalate' ? { ...n, collect: [], reason: '', text: undefined } : n]),
    );
    return [{ id: other.id, title: other.title, version: other.version, start: other.start, nodes }];
  });
  const articleTitles = Object.fromEntries(Object.entries(articles).map(([id, a]) => [id, { title: a.title, lang: a.lang }]));
  return { articles, articleTitles, earlier };
}

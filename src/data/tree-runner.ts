/**
 * What a tree page needs from the rest of the KB: the articles its solution nodes link to, with
 * their titles and, where it differs from the tree's, their language.
 */
import type { Kb, TreeView } from './kb.ts';
import {
  buildHandoff,
  withoutRouting,
  type ArticleRef,
  type CollectedValue,
  type Handoff,
  type HandoffLabels,
  type HandoffMode,
} from '../lib/trees.ts';
import type { CollectField } from '../schemas/tree.ts';
import type { Translate } from '../i18n/index.ts';
import type { Locale, Tree } from '../schemas/index.ts';

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
    articles[node.article] = {
      title: a?.data.title ?? node.article,
      url: a?.url ?? null,
      lang: a && a.data.lang !== tree.lang ? a.data.lang : undefined,
    };
  }
  const articleTitles = Object.fromEntries(Object.entries(articles).map(([id, a]) => [id, { title: a.title, lang: a.lang }]));
  return { articles, articleTitles };
}

/**
 * The island's data as JSON safe inside a <script> element. Employees' pages carry no routing
 * vocabulary, not even here.
 */
export function islandJson(o: {
  tree: Tree;
  mode: HandoffMode;
  labels: HandoffLabels;
  articleTitles: Record<string, ArticleRef>;
  ticketUrlTemplate: string;
  t: Translate;
}): string {
  const { tree, t } = o;
  const data = {
    id: tree.id,
    title: tree.title,
    version: tree.version,
    start: tree.start,
    mode: o.mode,
    labels: o.mode === 'staff' ? o.labels : withoutRouting(o.labels),
    ticketUrlTemplate: o.ticketUrlTemplate,
    articleTitles: o.articleTitles,
    text: {
      announce: t('tree.announce', { n: '{n}', text: '{text}' }),
      copied: t('tree.escalate.copied'),
      copyFailed: t('tree.escalate.copyFailed'),
      missing: t('tree.escalate.missing', { fields: '{fields}' }),
      change: t('tree.change'),
    },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** The static (no-JavaScript) summary of each escalation node: a template with empty fields. */
export function handoffTemplates(o: {
  tree: Tree;
  mode: HandoffMode;
  labels: HandoffLabels;
  articleTitles: Record<string, ArticleRef>;
  commonFields: CollectField[];
  teamOf: (id: string) => { name: string; email: string };
}): Map<string, Handoff> {
  const collected: Record<string, CollectedValue> = {};
  return new Map(
    Object.entries(o.tree.nodes).flatMap(([id, n]) =>
      n.type === 'escalate'
        ? [
            [
              id,
              buildHandoff({
                tree: o.tree,
                steps: [],
                nodeId: id,
                collected,
                articleTitles: o.articleTitles,
                team: o.teamOf(n.team),
                labels: o.labels,
                commonFields: o.commonFields,
                mode: o.mode,
              }),
            ] as const,
          ]
        : [],
    ),
  );
}

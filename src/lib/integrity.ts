/**
 * Whole-KB checks that a single file's schema cannot do: references between entries and the
 * KCS section structure of article bodies. Pure: the content loader, the CLI and the tests use it.
 */
import type { Article } from '../schemas/article.ts';
import { checkKcsSections } from './kcs.ts';
import type { ContentProblem } from './problems.ts';

export interface ArticleEntry {
  id: string;
  /** Path relative to the project root, e.g. `content/articles/de/konto-gesperrt.mdx`. */
  file: string;
  data: Pick<Article, 'type' | 'lang' | 'category' | 'related' | 'replacedBy' | 'confidence'> & { translationOf?: string | undefined };
  body: string;
  /** Line of the file on which the body starts (after the frontmatter), for `file:line` output. */
  bodyLine?: number;
}

/** The language folder an article lives in (`articles/de/…`), if any. */
function folderLocale(file: string): string | undefined {
  return /(?:^|\/)articles\/(de|en)\//.exec(file.replaceAll('\\', '/'))?.[1];
}

/** Trees embedded with `<DecisionTree tree="…" />`, with their body line. */
export function embeddedTrees(body: string): { tree: string; line: number }[] {
  const found: { tree: string; line: number }[] = [];
  body.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/<DecisionTree\s+tree=["']([^"']*)["']/g)) found.push({ tree: m[1]!, line: i + 1 });
  });
  return found;
}

export function checkArticles(
  articles: readonly ArticleEntry[],
  categoryIds: ReadonlySet<string>,
  treeIds?: ReadonlySet<string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  const knownCategories = [...categoryIds].sort().join(', ');
  for (const a of articles) {
    /** `bodyLineNo` counts from the start of the body; problems report lines of the file. */
    const err = (field: string, message: string, bodyLineNo?: number) =>
      problems.push({
        file: a.file,
        field,
        message,
        severity: 'error',
        line: bodyLineNo === undefined ? undefined : bodyLineNo + (a.bodyLine ?? 1) - 1,
      });
    if (!categoryIds.has(a.data.category)) {
      err('category', `unknown category "${a.data.category}"; expected one of: ${knownCategories}`);
    }
    a.data.related.forEach((rel, i) => {
      if (rel === a.id) err(`related.${i}`, 'an article cannot be related to itself');
      else if (!byId.has(rel)) err(`related.${i}`, `unknown article id "${rel}"`);
    });
    if (a.data.confidence === 'archived' && a.data.replacedBy === undefined) {
      // An archived article stays reachable at its URL; without a successor it is a dead end.
      err('replacedBy', 'an archived article names the article that replaces it (replacedBy: <id>)');
    }
    if (a.data.replacedBy !== undefined) {
      const target = byId.get(a.data.replacedBy);
      if (!target) err('replacedBy', `unknown article id "${a.data.replacedBy}"`);
      else if (target.data.confidence === 'archived') {
        err('replacedBy', `"${a.data.replacedBy}" is archived itself; point to the current article`);
      }
    }
    if (a.data.translationOf !== undefined) {
      const source = byId.get(a.data.translationOf);
      if (!source) err('translationOf', `unknown article id "${a.data.translationOf}"`);
      else if (source.data.lang === a.data.lang) err('translationOf', `"${a.data.translationOf}" is in the same language (${a.data.lang})`);
      else if (source.data.translationOf !== undefined)
        err('translationOf', `"${a.data.translationOf}" is a translation itself; point to the original (${source.data.translationOf})`);
      else {
        const twin = articles.find(
          (b) => b !== a && b.data.translationOf === a.data.translationOf && b.data.lang === a.data.lang && b.id < a.id,
        );
        if (twin) err('translationOf', `"${twin.id}" is already the ${a.data.lang} translation of "${a.data.translationOf}"`);
      }
    }
    const folder = folderLocale(a.file);
    if (folder && folder !== a.data.lang) {
      err('lang', `is "${a.data.lang}" but the file is in the "${folder}" folder`);
    }
    if (treeIds) {
      for (const e of embeddedTrees(a.body)) {
        if (!treeIds.has(e.tree)) err('<DecisionTree>', `unknown tree "${e.tree}"`, e.line);
      }
    }
    for (const s of checkKcsSections(a.body, a.data.type, a.data.lang)) {
      err(`## ${s.heading}`, s.message, s.line);
    }
  }
  return problems;
}

/**
 * The one validation path of the knowledge base: the checks across files that the build
 * (src/data/kb.ts) and `kb validate` (src/lib/kb-files.ts) both run, on entries their own readers
 * have parsed with the same schemas. Pure: no Astro, no site configuration (passed in).
 */
import type { Training } from '../schemas/training.ts';
import { checkArticles, type ArticleEntry } from './integrity.ts';
import type { ContentProblem } from './problems.ts';
import { checkTraining } from './training.ts';
import { checkTrees, type ArticleFacts, type TreeEntry } from './trees.ts';

export interface KbCheckInput {
  /** Every article file found (valid or not), for duplicate ids across language folders. */
  articleFiles: readonly string[];
  /** The articles whose frontmatter passed the schema. */
  articles: readonly (ArticleEntry & { data: ArticleEntry['data'] & ArticleFacts })[];
  trees: readonly TreeEntry[];
  /** Ids of every tree file, valid or not (an article embedding a broken tree is not reported twice). */
  treeIds: ReadonlySet<string>;
  /** Every training module file found, for duplicate ids. */
  trainingFiles: readonly string[];
  training: readonly { id: string; file: string; data: Training }[];
  categoryIds: ReadonlySet<string>;
  /** Team keys of kb.config.ts. */
  teams: ReadonlySet<string>;
  /** Whether `public/<path>` exists (training materials). */
  publicFileExists: (path: string) => boolean;
}

/** The entry id of a content file: its name without folder and extension. */
export const fileId = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.(mdx?|ya?ml)$/, '');

/**
 * Files that share an id (`articles/de/x.mdx` and `articles/en/x.mdx` both give `x`). Both files are
 * reported: the site would publish only one of them.
 */
export function duplicateIds(files: readonly string[], kind: string): ContentProblem[] {
  const byId = new Map<string, string[]>();
  for (const f of files) byId.set(fileId(f), [...(byId.get(fileId(f)) ?? []), f]);
  const problems: ContentProblem[] = [];
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    for (const file of list) {
      const others = list.filter((f) => f !== file).join(', ');
      problems.push({
        file,
        field: '(id)',
        message: `duplicate ${kind} id "${id}", also used by ${others}; rename one of the files`,
        severity: 'error',
      });
    }
  }
  return problems;
}

export function checkKb(input: KbCheckInput): ContentProblem[] {
  return [
    ...duplicateIds(input.articleFiles, 'article'),
    ...duplicateIds(input.trainingFiles, 'training module'),
    ...checkArticles(input.articles, input.categoryIds, input.treeIds),
    ...checkTrees(input.trees, new Map(input.articles.map((a) => [a.id, a.data])), input.teams, input.categoryIds),
    ...checkTraining(
      input.training,
      { articles: new Set(input.articles.map((a) => a.id)), trees: input.treeIds, categories: input.categoryIds },
      input.publicFileExists,
    ),
  ];
}

/**
 * The whole knowledge base read from disk, without Astro: what the `kb` CLI validates, lints and
 * imports against. Same schemas and integrity checks as the site build.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import config from '../../kb.config.ts';
import { articleSchema, categoriesFileSchema, trainingSchema, treeSchema, type Article, type Category, type Training } from '../schemas/index.ts';
import { checkTraining } from './training.ts';
import { existsSync } from 'node:fs';
import { parseEntryWith, parseYamlWith, readYamlFile, listFiles } from './content-files.ts';
import { checkArticles } from './integrity.ts';
import { readSynonyms } from './synonyms.ts';
import type { ContentProblem } from './problems.ts';
import { checkTrees, type TreeEntry } from './trees.ts';

export interface DiskArticle {
  id: string;
  file: string;
  data: Article;
  body: string;
  bodyLine: number;
  /** The whole file, for line numbers of frontmatter fields. */
  source: string;
}

export interface DiskKb {
  articles: DiskArticle[];
  categories: Category[];
  trees: TreeEntry[];
  training: { id: string; file: string; data: Training }[];
  problems: ContentProblem[];
}

export function readKb(contentRoot: string): DiskKb {
  const problems: ContentProblem[] = [];
  const categoriesFile = join(contentRoot, 'categories.yaml');
  let categories: Category[] = [];
  try {
    const parsed = readYamlFile(categoriesFile, categoriesFileSchema);
    if (parsed.ok) categories = parsed.data;
    else problems.push(...parsed.problems);
  } catch (e) {
    problems.push({ file: categoriesFile, field: '(file)', message: (e as Error).message, severity: 'error' });
  }

  const articles: DiskArticle[] = [];
  const seen = new Map<string, string>();
  for (const file of listFiles(join(contentRoot, 'articles'), ['.mdx'])) {
    const id = basename(file, '.mdx');
    const previous = seen.get(id);
    if (previous) {
      problems.push({ file, field: '(id)', message: `duplicate article id "${id}", also used by ${previous}`, severity: 'error' });
      continue;
    }
    seen.set(id, file);
    const source = readFileSync(file, 'utf8');
    const parsed = parseEntryWith(file, source, articleSchema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    articles.push({ id, file, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, source });
  }
  const trees: TreeEntry[] = [];
  for (const file of listFiles(join(contentRoot, 'trees'), ['.yaml', '.yml'])) {
    const parsed = parseYamlWith(file, readFileSync(file, 'utf8'), treeSchema);
    if (parsed.ok) trees.push({ tree: parsed.data, file });
    else problems.push(...parsed.problems);
  }
  const categoryIds = new Set(categories.map((c) => c.id));
  const treeFiles = listFiles(join(contentRoot, 'trees'), ['.yaml', '.yml']);
  const treeIds = new Set(treeFiles.map((f) => basename(f).replace(/\.ya?ml$/, '')));
  problems.push(...checkArticles(articles, categoryIds, treeIds));
  problems.push(...readSynonyms(contentRoot).problems);
  problems.push(...checkTrees(trees, new Map(articles.map((a) => [a.id, a.data])), new Set(Object.keys(config.teams)), categoryIds));
  const training: DiskKb['training'] = [];
  for (const file of listFiles(join(contentRoot, 'training'), ['.mdx'])) {
    const parsed = parseEntryWith(file, readFileSync(file, 'utf8'), trainingSchema);
    if (parsed.ok) training.push({ id: basename(file, '.mdx'), file, data: parsed.data });
    else problems.push(...parsed.problems);
  }
  problems.push(
    ...checkTraining(training, { articles: new Set(articles.map((a) => a.id)), trees: treeIds, categories: categoryIds }, (p) =>
      existsSync(join('public', p)),
    ),
  );
  return { articles, categories, trees, training, problems };
}

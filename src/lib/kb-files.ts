/**
 * The whole knowledge base read from disk, without Astro: what the `kb` CLI validates, lints and
 * imports against. Same schemas and integrity checks as the site build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  categoriesFileSchema,
  makeArticleSchema,
  trainingSchema,
  treeSchema,
  type Article,
  type Category,
  type KbConfig,
  type Training,
} from '../schemas/index.ts';
import { parseEntryWith, parseYamlWith, readYamlFile, listFiles } from './content-files.ts';
import { checkKb, fileId } from './check.ts';
import { readSynonyms } from './synonyms.ts';
import type { ContentProblem } from './problems.ts';
import type { TreeEntry } from './trees.ts';

/** What the checks need from kb.config.ts (passed in: lib never reads the site's configuration). */
export type KbSite = Pick<KbConfig, 'reviewIntervalDays' | 'teams'>;

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

export function readKb(contentRoot: string, site: KbSite): DiskKb {
  const articleSchema = makeArticleSchema(site.reviewIntervalDays);
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
  const articleFiles = listFiles(join(contentRoot, 'articles'), ['.mdx']);
  for (const file of articleFiles) {
    const source = readFileSync(file, 'utf8');
    const parsed = parseEntryWith(file, source, articleSchema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    articles.push({ id: fileId(file), file, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine, source });
  }
  const trees: TreeEntry[] = [];
  const treeFiles = listFiles(join(contentRoot, 'trees'), ['.yaml', '.yml']);
  for (const file of treeFiles) {
    const parsed = parseYamlWith(file, readFileSync(file, 'utf8'), treeSchema);
    if (parsed.ok) trees.push({ tree: parsed.data, file });
    else problems.push(...parsed.problems);
  }
  const training: DiskKb['training'] = [];
  const trainingFiles = listFiles(join(contentRoot, 'training'), ['.mdx']);
  for (const file of trainingFiles) {
    const parsed = parseEntryWith(file, readFileSync(file, 'utf8'), trainingSchema);
    if (parsed.ok) training.push({ id: basename(file, '.mdx'), file, data: parsed.data });
    else problems.push(...parsed.problems);
  }
  problems.push(
    ...checkKb({
      articleFiles,
      articles,
      trees,
      treeIds: new Set(treeFiles.map(fileId)),
      trainingFiles,
      training,
      categoryIds: new Set(categories.map((c) => c.id)),
      teams: new Set(Object.keys(site.teams)),
      publicFileExists: (p) => existsSync(join('public', p)),
    }),
    ...readSynonyms(contentRoot).problems,
  );
  // Of two files with one id, only the first is kept for lint and import (both are reported above).
  const seen = new Set<string>();
  const unique = articles.filter((a) => !seen.has(a.id) && seen.add(a.id));
  return { articles: unique, categories, trees, training, problems };
}

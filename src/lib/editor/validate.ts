/**
 * Validation of an edited entry before it is written: the same zod schemas and the same integrity
 * checks as the build (`readKb`, `checkArticles`, `checkTraining`), run on the candidate file's
 * text with the rest of the knowledge base as it is on disk. Pure: the caller supplies the KB.
 */
import { basename } from 'node:path';
import { articleSchema, categoriesFileSchema, trainingSchema } from '../../schemas/index.ts';
import { parse as parseYaml } from 'yaml';
import { ARTICLE_TYPES, type ArticleType } from '../../schemas/article.ts';
import { LOCALES, type Locale } from '../../schemas/vocabulary.ts';
import { parseEntryWith, parseYamlWith, splitFrontmatter } from '../content-files.ts';
import { checkKcsSections } from '../kcs.ts';
import { checkArticles, type ArticleEntry } from '../integrity.ts';
import type { ContentProblem } from '../problems.ts';
import { checkTraining } from '../training.ts';
import type { CollectionName } from './fields.ts';

/** KCS section problems of an article whose frontmatter failed the schema, so the author sees all at once. */
function kcsOfInvalid(file: string, text: string): ContentProblem[] {
  const split = splitFrontmatter(text);
  let raw: unknown;
  try {
    raw = parseYaml(split.frontmatter ?? '');
  } catch {
    return [];
  }
  const r = raw as { type?: unknown; lang?: unknown } | null;
  if (!r || !(ARTICLE_TYPES as readonly unknown[]).includes(r.type) || !(LOCALES as readonly unknown[]).includes(r.lang)) return [];
  return checkKcsSections(split.body, r.type as ArticleType, r.lang as Locale).map((s) => ({
    file,
    field: `## ${s.heading}`,
    message: s.message,
    severity: 'error' as const,
    ...(s.line ? { line: s.line + split.bodyLine - 1 } : {}),
  }));
}

/** What validation needs to know about the rest of the KB. */
export interface KbIndex {
  articles: ArticleEntry[];
  categoryIds: ReadonlySet<string>;
  treeIds: ReadonlySet<string>;
  trainingIds: ReadonlySet<string>;
  publicFileExists: (path: string) => boolean;
}

/** Paths (relative to the content folder) the editor may write: nothing else, whatever a client sends. */
const PATHS: Record<CollectionName, RegExp> = {
  articles: /^articles\/(de|en)\/[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/,
  training: /^training\/[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/,
  categories: /^categories\.yaml$/,
};

export function collectionOf(path: string): CollectionName | undefined {
  return (Object.keys(PATHS) as CollectionName[]).find((c) => PATHS[c].test(path));
}

export function assertEditablePath(path: string, collection?: CollectionName): CollectionName {
  const c = collectionOf(path);
  if (!c || (collection && c !== collection)) throw new Error(`not an editable content path: ${JSON.stringify(path)}`);
  return c;
}

/**
 * Problems of the candidate text for `path` (relative to the content folder); `file` is how
 * problems name it. An empty list means the file may be saved.
 */
export function validateCandidate(path: string, file: string, text: string, kb: KbIndex): ContentProblem[] {
  const collection = assertEditablePath(path);
  if (collection === 'categories') {
    const parsed = parseYamlWith(file, text, categoriesFileSchema);
    if (!parsed.ok) return parsed.problems;
    const seen = new Set<string>();
    const problems: ContentProblem[] = [];
    parsed.data.forEach((c, i) => {
      if (seen.has(c.id)) problems.push({ file, field: `${i}.id`, message: `duplicate category id "${c.id}"`, severity: 'error' });
      seen.add(c.id);
    });
    return problems;
  }
  if (collection === 'articles') {
    const parsed = parseEntryWith(file, text, articleSchema);
    if (!parsed.ok) return [...parsed.problems, ...kcsOfInvalid(file, text)];
    const id = basename(path, '.mdx');
    const entry: ArticleEntry = { id, file, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine };
    // Only the articles this one refers to are needed to check its references: O(references), not O(KB).
    const original = parsed.data.translationOf;
    const refs = new Set([
      ...parsed.data.related,
      ...(parsed.data.replacedBy ? [parsed.data.replacedBy] : []),
      ...(original ? [original] : []),
    ]);
    // Other translations of the same original too: two into one language are an error.
    const targets = kb.articles.filter(
      (a) => a.id !== id && (refs.has(a.id) || (original !== undefined && a.data.translationOf === original)),
    );
    return checkArticles([entry, ...targets], kb.categoryIds, kb.treeIds).filter((p) => p.file === file);
  }
  const parsed = parseEntryWith(file, text, trainingSchema);
  if (!parsed.ok) return parsed.problems;
  const id = basename(path, '.mdx');
  return checkTraining(
    [{ id, file, data: parsed.data }],
    { articles: new Set(kb.articles.map((a) => a.id)), trees: kb.treeIds, categories: kb.categoryIds },
    kb.publicFileExists,
  );
}

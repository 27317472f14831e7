/**
 * The KCS content standard as checks: `npm run kb -- lint`. Each rule reports `file:line` problems;
 * errors fail the lint, warnings inform. Pure over the KB read from disk.
 */
import type { DiskArticle } from './kb-files.ts';
import { checkKcsSections } from './kcs.ts';
import type { ContentProblem, Severity } from './problems.ts';
import { createSimilarityIndex } from './similarity.ts';
import { EMAIL_PATTERN, PHONE_PATTERN } from './import/text.ts';
import { matchPath, ROUTE_WORDS, routes } from './routes.ts';
import type { Locale } from '../schemas/vocabulary.ts';

export const LINT_RULES = [
  'kcs-sections',
  'generic-title',
  'error-code-in-body',
  'internal-link',
  'personal-data',
  'too-long',
  'near-duplicate',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface LintProblem extends ContentProblem {
  rule: LintRule;
}

export interface LintOptions {
  /** Addresses that may appear in employee articles (the service desk's own). */
  allowedEmails: readonly string[];
  allowedPhones: readonly string[];
  /** Ids of trees, for links to /diagnose/<id>/. */
  treeIds: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
  tags: ReadonlySet<string>;
  /** Body words above which an article is "too long" (warning). */
  maxWords?: number;
  /** Cosine similarity above which two articles count as near-duplicates (warning). */
  duplicateThreshold?: number;
}

/** Titles that say nothing about the problem, in both languages. */
const GENERIC_TITLES = new Set(
  [
    'problem', 'fehler', 'hilfe', 'frage', 'sonstiges', 'test', 'neuer artikel', 'allgemein', 'störung', 'info',
    'issue', 'error', 'help', 'question', 'misc', 'other', 'new article', 'untitled', 'general', 'howto', 'anleitung',
  ],
);

const INTERNAL_LINK = /\]\((\/[^)\s#?]*)[^)]*\)|href=["'](\/[^"'#?]*)/g;

/** Lines of a text with fenced code blocks blanked out (commands may look like anything). */
function proseLines(body: string): string[] {
  let fence = false;
  return body.split('\n').map((line) => {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : line.replace(/`[^`]*`/g, '``');
  });
}

/** The file line of a frontmatter key, for messages about frontmatter fields. */
function keyLine(source: string, key: string): number | undefined {
  const i = source.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i === -1 ? undefined : i + 1;
}

export function lintArticles(articles: readonly DiskArticle[], options: LintOptions): LintProblem[] {
  const problems: LintProblem[] = [];
  const ids = new Map(articles.map((a) => [a.id, a.data.lang]));
  const maxWords = options.maxWords ?? 1500;
  const add = (a: DiskArticle, rule: LintRule, severity: Severity, field: string, message: string, line?: number) =>
    problems.push({ file: a.file, rule, severity, field, message, line });

  for (const a of articles) {
    const d = a.data;
    const atBody = (n: number) => n + a.bodyLine - 1;

    for (const s of checkKcsSections(a.body, d.type, d.lang)) {
      add(a, 'kcs-sections', 'error', `## ${s.heading}`, s.message, s.line === undefined ? undefined : atBody(s.line));
    }

    const title = d.title.trim().toLowerCase().replace(/[.!?:]+$/, '');
    if (GENERIC_TITLES.has(title)) {
      add(a, 'generic-title', 'error', 'title', `"${d.title}" is generic; describe the problem in the user's words`, keyLine(a.source, 'title'));
    } else if (title.split(/\s+/).length < 3) {
      add(a, 'generic-title', 'warning', 'title', `"${d.title}" is very short; users search with the symptom and the error text`, keyLine(a.source, 'title'));
    }

    for (const code of d.errorCodes) {
      if (!a.body.includes(code)) {
        add(a, 'error-code-in-body', 'error', 'errorCodes', `"${code}" is listed but does not appear in the text`, keyLine(a.source, 'errorCodes'));
      }
    }

    a.body.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(INTERNAL_LINK)) {
        const path = (m[1] ?? m[2])!;
        const problem = checkInternalPath(path, ids, options);
        if (problem) add(a, 'internal-link', 'error', 'link', `${path}: ${problem}`, atBody(i + 1));
      }
    });

    if (d.audience === 'employee') {
      proseLines(a.body).forEach((line, i) => {
        for (const m of line.matchAll(EMAIL_PATTERN)) {
          if (!options.allowedEmails.includes(m[0].toLowerCase())) {
            add(a, 'personal-data', 'error', 'body', `e-mail address "${m[0]}" in an employee article`, atBody(i + 1));
          }
        }
        for (const m of line.matchAll(PHONE_PATTERN)) {
          const digits = m[0].replace(/\D/g, '');
          if (digits.length >= 7 && !options.allowedPhones.some((p) => p.replace(/\D/g, '') === digits)) {
            add(a, 'personal-data', 'error', 'body', `phone number "${m[0].trim()}" in an employee article`, atBody(i + 1));
          }
        }
      });
    }

    const words = a.body.split(/\s+/).filter(Boolean).length;
    if (words > maxWords) {
      add(a, 'too-long', 'warning', 'body', `${words} words (more than ${maxWords}); split it or move background into its own article`);
    }
  }

  const listed = articles.filter((a) => a.data.confidence !== 'archived');
  const index = createSimilarityIndex(
    listed.map((a) => ({ id: a.id, title: a.data.title, summary: a.data.summary, tags: a.data.tags, errorCodes: a.data.errorCodes, body: a.body })),
  );
  const threshold = options.duplicateThreshold ?? 0.6;
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const a of listed) {
    for (const m of index.related(a.id, 3, threshold)) {
      if (a.id < m.id) {
        add(a, 'near-duplicate', 'warning', 'body', `very similar to ${byId.get(m.id)!.file} (similarity ${m.score.toFixed(2)}); merge them or link one to the other`);
      }
    }
  }
  return problems.sort((x, y) => x.file.localeCompare(y.file) || (x.line ?? 0) - (y.line ?? 0));
}

/** Why an internal URL does not resolve, or undefined when it does. Paths are read with the route table. */
export function checkInternalPath(
  path: string,
  articles: ReadonlyMap<string, Locale>,
  o: Pick<LintOptions, 'treeIds' | 'categoryIds' | 'tags'>,
): string | undefined {
  const m = matchPath(path, Object.keys(ROUTE_WORDS), { anyWords: true });
  if (!m) return undefined;
  const id = m.params.id ?? m.params.tag ?? '';
  if (m.kind === 'article') {
    const lang = articles.get(id);
    if (!lang) return `unknown article "${id}"`;
    const expected = routes.article(id, lang);
    if (path.replace(/\/?$/, '/') !== expected) return `the article's URL is ${expected}`;
  }
  if (m.kind === 'tree' && !o.treeIds.has(id)) return `unknown decision tree "${id}"`;
  if (m.kind === 'category' && !o.categoryIds.has(id)) return `unknown category "${id}"`;
  if (m.kind === 'tag' && !o.tags.has(id)) return `no article has the tag "${id}"`;
  return undefined;
}

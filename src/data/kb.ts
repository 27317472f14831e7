/**
 * The knowledge base as the pages see it: Astro collections read once per build, checked for
 * integrity, filtered to the build's audience and indexed for lookups. Every page goes through
 * `getKb()`, so the work is done once, not once per page.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildAudience, canSee } from '../lib/audience.ts';
import { contentDir, listFiles, readYamlFile, splitFrontmatter } from '../lib/content-files.ts';
import { readKb } from '../lib/kb-files.ts';
import { checkKb } from '../lib/check.ts';
import { ContentError, formatProblems, type ContentProblem } from '../lib/problems.ts';
import { routes } from '../lib/routes.ts';
import { relatedForAll } from '../lib/similarity.ts';
import {
  insightsSchema,
  usageReportSchema,
  type UsageReport,
  type Audience,
  type Category,
  type Insights,
  type Locale,
  type Training,
  type Tree,
} from '../schemas/index.ts';
import { sessionView, type SessionView } from '../lib/training.ts';
import type { SearchFacet } from '../lib/search.ts';
import { createHash } from 'node:crypto';
import config from '../../kb.config.ts';
import { articleBody, RENDER_KEY } from './articles-loader.ts';
import { normalizeTerm, readSynonyms, synonymWords, type SynonymData } from '../lib/synonyms.ts';
import { articleText, openProposals, type Proposal } from '../lib/import/keywords.ts';
import { keywordStateSchema } from '../schemas/escalation.ts';

export type ArticleEntry = CollectionEntry<'articles'>;

export interface ArticleView {
  id: string;
  data: ArticleEntry['data'];
  entry: ArticleEntry;
  url: string;
  /** Listed in indexes, category and tag pages (not archived). */
  listed: boolean;
}

export interface TreeView {
  id: string;
  tree: Tree;
  url: string;
}

export type TrainingEntry = CollectionEntry<'training'>;

export interface TrainingView {
  id: string;
  data: Training;
  entry: TrainingEntry;
  url: string;
  sessions: SessionView[];
}

export interface Kb {
  audience: Audience;
  /** Categories with at least one listed article or decision tree in this build: the ones that get a page. */
  categories: Category[];
  categoryById: Map<string, Category>;
  /** Every article this build publishes, archived ones included. */
  articles: ArticleView[];
  byId: Map<string, ArticleView>;
  /** The other languages' versions of an article this build publishes (`translationOf`, both ways). */
  translations: Map<string, ArticleView[]>;
  /** Listed articles by category id, sorted by title. */
  byCategory: Map<string, ArticleView[]>;
  /** Listed articles by tag, sorted by title. */
  byTag: Map<string, ArticleView[]>;
  /** Up to five related articles per article: the authored `related` first, then lunr's. */
  related: Map<string, ArticleView[]>;
  /** Decision trees this build publishes, sorted by title. */
  trees: TreeView[];
  treeById: Map<string, TreeView>;
  /** Training modules this build publishes, sorted by title. */
  training: TrainingView[];
  /** Training modules by related article id (for "Schulungen zum Thema" on articles). */
  trainingByArticle: Map<string, TrainingView[]>;
  /** Escalation insights from the importer, if an import has run. */
  insights: Insights | undefined;
  /**
   * Open search-term proposals from linked tickets (content/escalations/keywords.json), staff
   * builds only; for the escalations page.
   */
  keywordProposals: Proposal[];
  /** Words the search index splits German compounds into (content/synonyms.yaml and titles). */
  searchParts: Set<string>;
  /** content/synonyms.yaml, compiled: the index marks each page with the groups it uses. */
  searchSynonyms: SynonymData;
  /**
   * Usage insights from `kb report` (content/insights/usage.json) in staff builds; never in the
   * employee build. Not part of `structure`: only the insight pages show it (pass it to `pageKey`).
   */
  usage: UsageReport | undefined;
  /**
   * Digest of everything a page can show about other content: the audience and the frontmatter of
   * every article, tree, module and category. Part of every page's incremental-build key (`pageKey`),
   * so editing one article's text re-renders that page, while a changed title re-renders all.
   */
  structure: string;
}

/** The page of a category, or the category index where this build has no page for it (e.g. only archived articles). */
export function categoryHref(kb: Kb, id: string, locale: Locale): string {
  return kb.categories.some((c) => c.id === id) ? routes.category(id, locale) : routes.categories(locale);
}

/** Whether an article or tree id can be linked to in this build (links to hidden content become text). */
export function isLinkable(kb: Kb, id: string): boolean {
  return kb.byId.has(id) || kb.treeById.has(id);
}

/** Whether a build for `audience` publishes an article. The employee build is the public one. */
export function isPublished(audience: Audience, data: ArticleEntry['data']): boolean {
  if (!canSee(audience, data.audience)) return false;
  if (audience === 'employee' && data.confidence !== 'validated' && data.confidence !== 'archived') return false;
  return true;
}

function fileOf(entry: { id: string; filePath?: string | undefined }): string {
  return entry.filePath ? relative(process.cwd(), entry.filePath) : entry.id;
}

let warned = false;

/** Problem lines refer to the body; shift them to lines of the file. */
function withFileLines(problems: ContentProblem[]): ContentProblem[] {
  const offsets = new Map<string, number>();
  return problems.map((p) => {
    if (p.line === undefined) return p;
    let offset = offsets.get(p.file);
    if (offset === undefined) {
      offset = splitFrontmatter(readFileSync(p.file, 'utf8')).bodyLine - 1;
      offsets.set(p.file, offset);
    }
    return { ...p, line: p.line + offset };
  });
}

const byTitle = (a: ArticleView, b: ArticleView) => a.data.title.localeCompare(b.data.title, a.data.lang);

/**
 * In `astro dev` the content layer keeps the last valid version of an entry whose new version is
 * invalid and reports the error only in the terminal. Checking the files as `kb validate` does
 * turns that into an error page the author sees in the browser.
 */
function checkFilesForDev() {
  const disk = readKb(contentDir(), config);
  const errors = disk.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ContentError(errors);
}

async function load(): Promise<Kb> {
  if (import.meta.env.DEV) checkFilesForDev();
  const [entries, categoryEntries, treeEntries, trainingEntries] = await Promise.all([
    getCollection('articles'),
    getCollection('categories'),
    getCollection('trees'),
    getCollection('training'),
  ]);
  const categories = categoryEntries.map((c) => c.data).sort((a, b) => a.order - b.order || a.label.de.localeCompare(b.label.de, 'de'));
  const categoryById = new Map(categories.map((c) => [c.id, c]));

  const categoryIds = new Set(categoryById.keys());
  // Sources are read from the files once: the content store keeps no bodies (see articles-loader.ts).
  const bodies = new Map(entries.map((e) => [e.id, articleBody(e)]));
  const synonyms = readSynonyms(contentDir());
  // The same checks as `kb validate` (src/lib/check.ts). Duplicate ids come from the files on disk:
  // of two files with one id the collection keeps only one.
  const onDisk = (folder: string) => listFiles(join(contentDir(), folder), ['.mdx']).map((f) => relative(process.cwd(), f));
  const articleEntries = entries.map((e) => ({ id: e.id, file: fileOf(e), data: e.data, body: bodies.get(e.id)! }));
  const problems = withFileLines(
    checkKb({
      articleFiles: onDisk('articles'),
      articles: articleEntries,
      trees: treeEntries.map((e) => ({ tree: e.data, file: fileOf(e) })),
      treeIds: new Set(treeEntries.map((t) => t.id)),
      trainingFiles: onDisk('training'),
      training: trainingEntries.map((e) => ({ id: e.id, file: fileOf(e), data: e.data })),
      categoryIds,
      teams: new Set(Object.keys(config.teams)),
      publicFileExists: (path) => existsSync(join('public', path)),
    }),
  );
  problems.push(...synonyms.problems.map((p) => ({ ...p, file: relative(process.cwd(), p.file) })));
  if (problems.some((p) => p.severity === 'error')) throw new ContentError(problems);
  if (problems.length && !warned) {
    warned = true;
    console.warn(`Content warnings:\n${formatProblems(problems)}`);
  }

  const audience = buildAudience();
  const articles: ArticleView[] = entries
    .filter((e) => isPublished(audience, e.data))
    .map((e) => ({
      id: e.id,
      data: e.data,
      entry: e,
      url: routes.article(e.id, e.data.lang),
      listed: e.data.confidence !== 'archived',
    }));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const translations = new Map<string, ArticleView[]>();
  for (const a of articles) {
    const source = a.data.translationOf ? byId.get(a.data.translationOf) : undefined;
    if (!source) continue;
    // The original, and every translation of it, lead to each other.
    const family = [source, ...articles.filter((b) => b.data.translationOf === source.id)];
    for (const member of family)
      translations.set(
        member.id,
        family.filter((m) => m !== member),
      );
  }
  const byCategory = new Map<string, ArticleView[]>();
  const byTag = new Map<string, ArticleView[]>();
  for (const a of articles) {
    if (!a.listed) continue;
    const inCategory = byCategory.get(a.data.category);
    if (inCategory) inCategory.push(a);
    else byCategory.set(a.data.category, [a]);
    for (const tag of a.data.tags) {
      const list = byTag.get(tag);
      if (list) list.push(a);
      else byTag.set(tag, [a]);
    }
  }
  for (const list of byCategory.values()) list.sort(byTitle);
  for (const list of byTag.values()) list.sort(byTitle);
  const trees: TreeView[] = treeEntries
    .filter((e) => canSee(audience, e.data.audience))
    .map((e) => ({ id: e.id, tree: e.data, url: routes.tree(e.id, e.data.lang) }))
    .sort((a, b) => a.tree.title.localeCompare(b.tree.title, a.tree.lang));
  const treeById = new Map(trees.map((t) => [t.id, t]));
  const related = computeRelated(articles, byId, bodies);
  const training: TrainingView[] = trainingEntries
    .filter((e) => canSee(audience, e.data.audience))
    .map((e) => {
      const url = routes.trainingModule(e.id, e.data.lang);
      const absolute = new URL(url, config.site).href;
      return { id: e.id, data: e.data, entry: e, url, sessions: e.data.sessions.map((s) => sessionView(e.id, e.data, s, absolute)) };
    })
    .sort((a, b) => a.data.title.localeCompare(b.data.title, a.data.lang));
  const trainingByArticle = new Map<string, TrainingView[]>();
  for (const t of training) {
    for (const id of t.data.related) trainingByArticle.set(id, [...(trainingByArticle.get(id) ?? []), t]);
  }
  const insights = readInsights();
  const entryById = new Map(articleEntries.map((e) => [e.id, e]));
  const keywordProposals =
    audience === 'employee'
      ? []
      : openProposals(readKeywordState(), (id) => {
          const a = entryById.get(id);
          return a && articleText({ id: a.id, data: a.data, body: a.body });
        });
  const structure = createHash('sha256')
    .update(
      JSON.stringify([
        RENDER_KEY,
        audience,
        categories,
        articles.map((a) => [a.id, a.data]),
        trees.map((t) => t.tree),
        training.map((m) => [m.id, m.data]),
        insights ?? null,
        keywordProposals,
        synonyms.data,
      ]),
    )
    .digest('hex');
  return {
    audience,
    categories: categories.filter((c) => byCategory.has(c.id) || trees.some((v) => v.tree.category === c.id)),
    categoryById,
    articles,
    byId,
    translations,
    byCategory,
    byTag,
    related,
    trees,
    treeById,
    training,
    trainingByArticle,
    insights,
    keywordProposals,
    usage: audience === 'employee' ? undefined : readUsage(),
    structure,
    searchSynonyms: synonyms.data,
    searchParts: new Set([
      ...synonymWords(synonyms.data, 'de'),
      ...articles.filter((a) => a.data.lang === 'de').flatMap((a) => normalizeTerm(a.data.title).match(/\p{L}{4,}/gu) ?? []),
    ]),
  };
}

/** content/escalations/insights.json, written by the escalation importer; absent before any import. */
function readInsights(): Insights | undefined {
  const file = join(contentDir(), 'escalations', 'insights.json');
  if (!existsSync(file)) return undefined;
  const parsed = readYamlFile(file, insightsSchema);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/** content/escalations/keywords.json, written by the escalation importer; empty before any import. */
function readKeywordState() {
  const file = join(contentDir(), 'escalations', 'keywords.json');
  if (!existsSync(file)) return {};
  const parsed = readYamlFile(file, keywordStateSchema);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/** content/insights/usage.json, written by `kb report`; absent before the first report. */
function readUsage(): UsageReport | undefined {
  const file = join(contentDir(), 'insights', 'usage.json');
  if (!existsSync(file)) return undefined;
  const parsed = readYamlFile(file, usageReportSchema);
  if (!parsed.ok) throw new ContentError(parsed.problems);
  return parsed.data;
}

/** Related articles over what this build lists, computed once and cached by content digest. */
function computeRelated(articles: ArticleView[], byId: Map<string, ArticleView>, bodies: Map<string, string>): Map<string, ArticleView[]> {
  const listed = articles.filter((a) => a.listed);
  const { related: computed } = relatedForAll(
    listed.map((a) => ({
      id: a.id,
      title: a.data.title,
      summary: a.data.summary,
      tags: a.data.tags,
      errorCodes: a.data.errorCodes,
      body: bodies.get(a.id) ?? '',
    })),
    { n: 5, cacheDir: process.env.KB_RELATED_CACHE ?? 'node_modules/.cache/support-kb' },
  );
  const result = new Map<string, ArticleView[]>();
  for (const a of articles) {
    const ids = [...new Set([...a.data.related, ...(computed.get(a.id) ?? [])])].filter((id) => id !== a.id);
    result.set(
      a.id,
      ids
        .flatMap((id) => {
          const r = byId.get(id);
          return r && r.listed ? [r] : [];
        })
        .slice(0, 5),
    );
  }
  return result;
}

/**
 * The `cacheKey` of a page for Astro's incremental build: the KB's structure plus what only this
 * page shows (its own text, its related articles, date-dependent states). Same key, same HTML.
 */
export function pageKey(kb: Kb, ...own: unknown[]): string {
  return createHash('sha256').update(kb.structure).update(JSON.stringify(own)).digest('hex').slice(0, 32);
}

/** An entry's content digest (frontmatter and body), as Astro's content layer computed it. */
export const entryDigest = (entry: { digest?: string | number; body?: string }) => String(entry.digest ?? entry.body ?? '');

let cached: Promise<Kb> | undefined;

/** The KB for this build; reloaded on every call in `astro dev` so edits show at once. */
export function getKb(): Promise<Kb> {
  if (import.meta.env.DEV) return load();
  return (cached ??= load());
}

/** Articles in reading order for a locale: the page's language first, then by title. */
export function localeFirst(list: readonly ArticleView[], locale: Locale): ArticleView[] {
  return [...list].sort((a, b) => Number(b.data.lang === locale) - Number(a.data.lang === locale) || byTitle(a, b));
}

/** The `n` most recently reviewed listed articles. */
export function recentlyUpdated(kb: Kb, n: number): ArticleView[] {
  return kb.articles
    .filter((a) => a.listed)
    .sort((a, b) => b.data.reviewed.getTime() - a.data.reviewed.getTime() || byTitle(a, b))
    .slice(0, n);
}

/** What the search index records about an article, a decision tree or a training module. */
export const articleFacet = (a: ArticleView): SearchFacet => ({
  type: 'article',
  category: a.data.category,
  audience: a.data.audience,
  status: a.data.confidence,
});
export const treeFacet = (t: TreeView): SearchFacet => ({ type: 'tree', category: t.tree.category, audience: t.tree.audience });
export const trainingFacet = (m: TrainingView): SearchFacet => ({ type: 'training', category: m.data.category, audience: m.data.audience });

/** The facets of every page the search index holds (archived articles are not indexed). */
export function searchFacets(kb: Kb): SearchFacet[] {
  return [...kb.articles.filter((a) => a.listed).map(articleFacet), ...kb.trees.map(treeFacet), ...kb.training.map(trainingFacet)];
}

export function categoryLabel(c: Category, locale: Locale): string {
  return c.label[locale] ?? c.label.de;
}
export function categoryDescription(c: Category, locale: Locale): string {
  return c.description[locale] ?? c.description.de;
}

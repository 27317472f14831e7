/**
 * Search relevance benchmark: runs the queries of test/bench/search-queries.yaml through the built
 * site's own search worker (the code the search page and dialog use) in Chromium, and scores the
 * ranking: hit@1, hit@3, MRR@10 and the share of queries with no result. Used by
 * `npm run bench -- search` and, on a subset, by test/browser/search-relevance.test.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { routes } from '../../src/lib/routes.ts';

const querySchema = z.strictObject({
  q: z.string().min(1).max(2000),
  lang: z.enum(['de', 'en']),
  /** Acceptable answers: an article id, or `tree:<id>` / `training:<id>`. */
  expect: z.array(z.string().regex(/^((tree|training):)?[a-z0-9][a-z0-9-]*$/)).min(1),
});
export type RelevanceQuery = z.infer<typeof querySchema>;

export const QUERY_FILE = join(import.meta.dirname, 'search-queries.yaml');

export function loadQueries(file = QUERY_FILE): RelevanceQuery[] {
  const parsed = z.strictObject({ queries: z.array(querySchema).min(1) }).safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.queries;
}

/** The page path of an expected answer, in whichever language the build has it. */
function answerPaths(answer: string): string[] {
  const [kind, id] = answer.includes(':') ? (answer.split(':') as [string, string]) : ['article', answer];
  const route = kind === 'tree' ? routes.tree : kind === 'training' ? routes.trainingModule : routes.article;
  return [route(id, 'de'), route(id, 'en')];
}

export interface QueryOutcome {
  q: string;
  lang: 'de' | 'en';
  expect: string[];
  /** 1-based rank of the first acceptable answer in the first ten results, or null. */
  rank: number | null;
  total: number;
  top: string[];
  /** How the worker answered: `all` words, a `subset`, or a `corrected` query. */
  mode?: string | undefined;
}

export interface RelevanceReport {
  build: string;
  queries: number;
  skipped: number;
  hit1: number;
  hit3: number;
  mrr10: number;
  zeroResults: number;
  /** Mean bytes fetched from /pagefind/ (and our search data) per query, fresh worker each time. */
  meanBytesPerQuery?: number | undefined;
  outcomes: QueryOutcome[];
}

/** The built search worker module (hashed name under `_astro/`). */
function workerPath(dist: string): string {
  const name = readdirSync(join(dist, '_astro')).find((f) => /^search-worker[.-].*\.js$/.test(f));
  if (!name) throw new Error(`no search worker in ${dist}/_astro`);
  return `/_astro/${name}`;
}

export function scoreOutcomes(build: string, outcomes: QueryOutcome[], skipped: number, bytes?: number): RelevanceReport {
  const n = outcomes.length || 1;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    build,
    queries: outcomes.length,
    skipped,
    hit1: round(outcomes.filter((o) => o.rank === 1).length / n),
    hit3: round(outcomes.filter((o) => o.rank !== null && o.rank <= 3).length / n),
    mrr10: round(outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / n),
    zeroResults: round(outcomes.filter((o) => o.total === 0).length / n),
    ...(bytes === undefined ? {} : { meanBytesPerQuery: Math.round(bytes) }),
    outcomes,
  };
}

/**
 * Runs `queries` against the site in `dist` (served on loopback) in Chromium. Queries whose
 * answers are not pages of this build are skipped. Returns the scored report.
 */
export async function runRelevance(
  dist: string,
  queries: RelevanceQuery[],
  chromium: string,
  build = 'site',
  measureBytes = false,
): Promise<RelevanceReport> {
  const { serveDir } = await import('../helpers/server.ts');
  const { launchBrowser } = await import('../helpers/browser.ts');
  const present = (p: string) => existsSync(join(dist, p, 'index.html'));
  const runnable = queries.filter((q) => q.expect.some((a) => answerPaths(a).some(present)));
  const server = await serveDir(dist);
  const browser = await launchBrowser(chromium);
  try {
    const page = await browser.newPage();
    let bytes = 0;
    page.on('response', (res) => {
      if (/\/pagefind\//.test(res.url()))
        void res
          .body()
          .then((b) => (bytes += b.length))
          .catch(() => undefined);
    });
    await page.goto(`${server.url}${routes.search('de')}`);
    const worker = workerPath(dist);
    const outcomes: QueryOutcome[] = [];
    let fetched = 0;
    for (const query of runnable) {
      const before = bytes;
      const answer = await page.evaluate(
        async ({ worker, q, lang, fresh }) => {
          // One worker per language, as a page of that language has: a worker loads the page
          // language's index as its main one and merges the other at a lower weight.
          const w = window as unknown as { __benchWorkers?: Record<string, Worker> };
          const workers = (w.__benchWorkers ??= {});
          if (fresh || !workers[lang]) {
            workers[lang]?.terminate();
            workers[lang] = new Worker(worker, { type: 'module' });
          }
          const target = workers[lang];
          return await new Promise<{ total: number; data: { url: string; meta: Record<string, string> }[]; mode?: string }>(
            (resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`search for ${q} timed out`)), 20_000);
              target.onmessage = ({ data }) => {
                clearTimeout(timer);
                if (data.error !== undefined) reject(new Error(data.error));
                else resolve(data.result);
              };
              target.postMessage({ id: 1, op: 'search', args: { lang, view: 'bench', q, filters: {}, count: 10, withCounts: false } });
            },
          );
        },
        { worker, q: query.q, lang: query.lang, fresh: measureBytes },
      );
      if (measureBytes) {
        await page.waitForLoadState('networkidle');
        await new Promise((r) => setTimeout(r, 50));
        fetched += bytes - before;
      }
      const urls = answer.data.map((d) => d.meta.url ?? d.url);
      const accepted = new Set(query.expect.flatMap(answerPaths));
      const index = urls.findIndex((u) => accepted.has(u.replace(/#.*$/, '')));
      outcomes.push({
        q: query.q,
        lang: query.lang,
        expect: query.expect,
        rank: index === -1 ? null : index + 1,
        total: answer.total,
        top: urls.slice(0, 3),
        mode: answer.mode,
      });
    }
    return scoreOutcomes(
      build,
      outcomes,
      queries.length - runnable.length,
      measureBytes ? fetched / Math.max(1, runnable.length) : undefined,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

export function relevanceTable(reports: RelevanceReport[]): string {
  const lines = ['| Build | Queries | hit@1 | hit@3 | MRR@10 | Zero results |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of reports) {
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    lines.push(
      `| ${r.build} | ${r.queries} | ${r.hit1.toFixed(3)} | ${r.hit3.toFixed(3)} | ${r.mrr10.toFixed(3)} | ${pct(r.zeroResults)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The queries that missed the top three, for reading the report. */
export function misses(r: RelevanceReport): string[] {
  return r.outcomes
    .filter((o) => o.rank === null || o.rank > 3)
    .map(
      (o) =>
        `${r.build} [${o.lang}] "${o.q}" → ${o.rank ?? '–'} (${o.total} results${o.mode && o.mode !== 'all' ? `, ${o.mode}` : ''}) top: ${o.top.join(', ') || '–'}; want ${o.expect.join(', ')}`,
    );
}

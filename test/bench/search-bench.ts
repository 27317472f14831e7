/**
 * `npm run bench -- search [--dist dir] [--verbose]`: builds the sample KB twice (staff build and
 * employee build, in a temporary folder) or takes an existing build, runs the relevance queries
 * through its real search and writes test/bench/results/search.{json,md}.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './measure.ts';
import { loadQueries, misses, relevanceTable, runRelevance, type RelevanceReport } from './relevance.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface SearchBenchOptions {
  /** Existing builds to score instead of building: `name=dir`. */
  dists: [string, string][];
  chromium: string;
  verbose: boolean;
  log: (line: string) => void;
}

async function build(dir: string, audience: string | undefined): Promise<string> {
  const out = join(dir, 'dist');
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    KB_TODAY: '2026-11-27',
    KB_OUT_DIR: out,
    KB_CACHE_DIR: join(dir, 'astro-cache'),
    ...(audience ? { KB_AUDIENCE: audience } : {}),
  };
  const run = await measure(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: ROOT, env });
  if (run.status !== 0) throw new Error(`build (${audience ?? 'staff'}) failed:\n${run.output.slice(-3000)}`);
  return out;
}

export async function runSearchBench(o: SearchBenchOptions): Promise<RelevanceReport[]> {
  const queries = loadQueries();
  const work = o.dists.length ? undefined : mkdtempSync(join(tmpdir(), 'support-kb-search-'));
  try {
    const dists: [string, string][] = o.dists.length
      ? o.dists
      : [
          ['staff (second-level)', await build(join(work!, 'staff'), undefined)],
          ['employee', await build(join(work!, 'employee'), 'employee')],
        ];
    const reports: RelevanceReport[] = [];
    for (const [name, dist] of dists) {
      o.log(`${name}: ${queries.length} queries`);
      const report = await runRelevance(dist, queries, o.chromium, name);
      const bytes = await runRelevance(dist, queries.slice(0, 20), o.chromium, name, true);
      report.meanBytesPerQuery = bytes.meanBytesPerQuery;
      reports.push(report);
      if (o.verbose) for (const line of misses(report)) o.log(`  miss: ${line}`);
    }
    const dir = join(ROOT, 'test/bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'search.json'), `${JSON.stringify({ date: new Date().toISOString(), reports }, null, 2)}\n`);
    writeFileSync(join(dir, 'search.md'), searchMarkdown(reports));
    return reports;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

export function searchMarkdown(reports: RelevanceReport[]): string {
  const table = relevanceTable(reports);
  const bytes = reports.map((r) => `${r.build}: ${((r.meanBytesPerQuery ?? 0) / 1024).toFixed(1)} KB`).join(', ');
  const miss = reports.flatMap(misses);
  return `${table}\nMean bytes fetched from /pagefind/ for one query in a fresh worker (first 20 queries): ${bytes}.\n\n${miss.length ? `Not in the top three:\n\n${miss.map((m) => `- ${m}`).join('\n')}\n` : 'Every query has an acceptable answer in the top three.\n'}`;
}

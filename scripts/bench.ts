#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [--sizes 1000,10000] [--records 10000,100000] [--keep]`
 * `npm run bench -- search [--dist name=dir …] [--verbose]`: search relevance (test/bench/search-bench.ts).
 * Thin CLI over test/bench/run.ts; writes test/bench/results/latest.{json,md} (or quick.*), and a
 * full run puts the table into the README's Performance section.
 */
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from '../test/helpers/browser.ts';
import { markdownTable, runBench, writeResults } from '../test/bench/run.ts';

if (process.argv[2] === 'search') {
  const { values: v } = parseArgs({
    args: process.argv.slice(3),
    options: { dist: { type: 'string', multiple: true }, verbose: { type: 'boolean', short: 'v' } },
  });
  const { runSearchBench, searchMarkdown } = await import('../test/bench/search-bench.ts');
  const chromium = chromiumPath();
  if (!chromium) throw new Error('npm run bench -- search needs Chromium (set CHROMIUM_PATH)');
  const dists = (v.dist ?? []).map((d): [string, string] => (d.includes('=') ? (d.split('=', 2) as [string, string]) : [d, d]));
  const reports = await runSearchBench({ dists, chromium, verbose: v.verbose ?? false, log: (line) => console.log(line) });
  console.log(`\n${searchMarkdown(reports)}\nwrote test/bench/results/search.json and search.md`);
  process.exit(0);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    compare: { type: 'string' },
    quick: { type: 'boolean' },
    sizes: { type: 'string' },
    records: { type: 'string' },
    keep: { type: 'boolean' },
    events: { type: 'string' },
    tickets: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench [-- --quick] [--sizes 1000,10000] [--records 10000,100000] [--keep]
       npm run bench -- privacy [--compare compromise]
       npm run bench -- search [--dist name=dir …] [--verbose]
       npm run bench -- report [--events 1000000] [--tickets 100000]

Builds synthetic KBs with Support KB and with a bare Astro + MDX + Pagefind baseline, runs the
importer, and writes test/bench/results/latest.json and latest.md (--quick: quick.*, under 2 min).`);
  process.exit(0);
}
if (positionals[0] === 'privacy') {
  // `npm run bench -- privacy [--compare compromise]`: recall per category and must-keep precision.
  const { privacyTable, runEngineComparison, runPrivacyBench } = await import('../test/bench/privacy.ts');
  const result = runPrivacyBench();
  console.log(privacyTable(result));
  if (result.leaks.length) console.log(`\nleaked: ${result.leaks.map((l) => `${l.ticket} ${l.category}: ${l.value}`).join('\n        ')}`);
  if (result.keep.lost.length) console.log(`\nlost must-keep: ${result.keep.lost.join(' | ')}`);
  if (values.compare) {
    for (const engine of ['rules', values.compare] as const) {
      const r = runEngineComparison(engine as 'rules' | 'compromise');
      console.log(`\n${privacyTable(r, `redactor only, context names by ${engine}`)}`);
    }
  }
  const ok = result.structuredRecall === 1 && result.namesRecall >= 0.97 && result.keep.rate >= 0.97;
  console.log(
    ok ? '\ntargets met (100 % structured, ≥ 97 % names, ≥ 97 % kept)' : '\ntargets NOT met (100 % structured, ≥ 97 % names, ≥ 97 % kept)',
  );
  process.exit(ok ? 0 : 1);
}
if (positionals[0] === 'report') {
  // `npm run bench -- report [--events N] [--tickets N]`: kb report over N synthetic events (target ≤ 30 s,
  // ≤ 500 MB), then kb report --tickets over a synthetic ServiceNow export.
  const { runReportBench } = await import('../test/bench/report.ts');
  const r = await runReportBench(Number(values.events ?? 1_000_000), (line) => console.log(line), Number(values.tickets ?? 100_000));
  process.exit(r.ok ? 0 : 1);
}
const list = (v: string | undefined, fallback: number[]) => (v ? v.split(',').map((x) => Number(x.trim())) : fallback);
const sizes = list(values.sizes, values.quick ? [500] : [1000, 10000]);
const records = list(values.records, values.quick ? [2000] : [10000, 100000]);

const result = await runBench({
  sizes,
  records,
  importKb: Math.max(...sizes),
  keep: values.keep ?? false,
  chromium: chromiumPath(),
  log: (line) => console.log(line),
});
const files = writeResults(result, join(import.meta.dirname, '../test/bench/results'), values.quick ? 'quick' : 'latest');
console.log(`\n${markdownTable(result)}\nwrote ${files.json} and ${files.md}`);
if (!values.quick && !values.sizes && !values.records) {
  const readme = join(import.meta.dirname, '../README.md');
  const text = readFileSync(readme, 'utf8');
  const block = /(<!-- bench:start[^>]*-->\n)[\s\S]*?(\n<!-- bench:end -->)/;
  if (block.test(text)) {
    writeFileSync(
      readme,
      text.replace(block, (_m, start: string, end: string) => `${start}${markdownTable(result).trim()}${end}`),
    );
    console.log('updated the table in README.md');
  }
}

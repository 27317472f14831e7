/**
 * `npm run bench -- report`: `kb report` (the real CLI, in its own process) over N synthetic
 * events in four log files, three of them gzip-rotated. Prints wall time, peak memory of the
 * process and throughput; target ≤ 30 s and ≤ 500 MB for 1,000,000 events.
 */
import config from '../../kb.config.ts';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEventLogs } from './events.ts';
import { writeServiceNowCsv } from './tickets.ts';
import { measure } from './measure.ts';
import { readKb } from '../../src/lib/kb-files.ts';
import { usageReportSchema } from '../../src/schemas/usage.ts';

const ROOT = join(import.meta.dirname, '../..');

export async function runReportBench(
  events: number,
  log: (line: string) => void,
  tickets = 100_000,
): Promise<{ ok: boolean; wallMs: number; peakRssBytes: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-report-bench-'));
  try {
    const articles = readKb(join(ROOT, 'content'), config).articles.map((a) => a.id);
    const t0 = performance.now();
    const files = await writeEventLogs(dir, events, { articles });
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    log(
      `generated ${events.toLocaleString('en')} events in ${files.length} files (${(bytes / 1e6).toFixed(1)} MB on disk) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const out = join(dir, 'usage.json');
    const run = await measure(
      process.execPath,
      [join(ROOT, 'scripts/kb.ts'), 'report', '--content', join(ROOT, 'content'), '--out', out, ...files],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    if (run.status !== 0) throw new Error(`kb report failed (exit ${run.status}):\n${run.output.slice(-2000)}`);
    const report = usageReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const total = report.lines.counted + report.lines.ignored + report.lines.rejected;
    if (total !== events) throw new Error(`kb report accounted for ${total} lines, expected ${events}`);
    const seconds = run.wallMs / 1000;
    const mb = run.peakRssBytes === null ? null : run.peakRssBytes / 1024 / 1024;
    const ok = events < 1_000_000 || (seconds <= 30 && (mb === null || mb <= 500));
    log(
      `kb report: ${events.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds).toLocaleString('en')} events/s), peak RSS ${mb === null ? 'n/a' : `${mb.toFixed(0)} MB`}`,
    );
    log(
      `  ${report.lines.counted} counted, ${report.lines.ignored} ignored, ${report.lines.rejected} rejected; ${report.searches.total} searches, ${report.searches.top.length} top queries, ${report.searches.rare.queries} rare queries kept as a count`,
    );
    log(ok ? 'target met (≤ 30 s, ≤ 500 MB for 1,000,000 events)' : 'target NOT met (≤ 30 s, ≤ 500 MB for 1,000,000 events)');
    if (tickets > 0) await ticketBench(dir, tickets, log);
    return { ok, wallMs: run.wallMs, peakRssBytes: run.peakRssBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `kb report --tickets` alone over a synthetic ServiceNow export of `records` incidents (with article URLs in close notes). */
async function ticketBench(dir: string, records: number, log: (line: string) => void): Promise<void> {
  const file = join(dir, 'incidents.csv');
  const t0 = performance.now();
  await writeServiceNowCsv(file, records, join(ROOT, 'content'), 11, { articleLinks: config.site });
  log(
    `generated ${records.toLocaleString('en')} tickets (${(statSync(file).size / 1e6).toFixed(1)} MB CSV) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const out = join(dir, 'usage-tickets.json');
  const run = await measure(
    process.execPath,
    [join(ROOT, 'scripts/kb.ts'), 'report', '--content', join(ROOT, 'content'), '--out', out, '--tickets', file],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
  );
  if (run.status !== 0) throw new Error(`kb report --tickets failed (exit ${run.status}):\n${run.output.slice(-2000)}`);
  const t = usageReportSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).kcs?.tickets;
  if (!t || t.records !== records) throw new Error(`kb report --tickets accounted for ${t?.records} records, expected ${records}`);
  const seconds = run.wallMs / 1000;
  const mb = run.peakRssBytes === null ? 'n/a' : `${(run.peakRssBytes / 1024 / 1024).toFixed(0)} MB`;
  log(
    `kb report --tickets: ${records.toLocaleString('en')} tickets in ${seconds.toFixed(1)} s (${Math.round(records / seconds).toLocaleString('en')} records/s), peak RSS ${mb}`,
  );
  log(
    `  ${t.resolved} resolved, ${t.notResolved} not resolved, ${t.rejected} rejected; ${t.linked} linked (${((t.linked / Math.max(1, t.resolved)) * 100).toFixed(1)} %), ${t.reuse.length} articles reused`,
  );
}

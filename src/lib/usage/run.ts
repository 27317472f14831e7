/** `kb report` without the printing: read the logs, aggregate, write the JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readLogs, UsageAggregator, type ReadProgress, type Rejection } from './report.ts';
import type { UsageReport } from '../../schemas/usage.ts';
import type { DiskKb } from '../kb-files.ts';

export interface RunReportOptions {
  files: readonly string[];
  /** Where to write the report; nothing is written without it. */
  out?: string;
  kb?: Pick<DiskKb, 'articles'>;
  minQueryCount: number;
  now?: Date;
  onProgress?: (p: ReadProgress) => void;
}

export async function runReport(o: RunReportOptions): Promise<{ report: UsageReport; rejections: Rejection[]; seconds: number }> {
  const started = performance.now();
  const agg = new UsageAggregator({
    minQueryCount: o.minQueryCount,
    articles: o.kb?.articles.map((a) => ({ id: a.id, reviewed: new Date(a.data.reviewed) })),
    now: o.now,
  });
  await readLogs(o.files, agg, o.onProgress);
  const report = agg.result();
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  return { report, rejections: agg.rejections, seconds: (performance.now() - started) / 1000 };
}

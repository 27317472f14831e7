/** `kb report` without the printing: read the logs, aggregate, write the JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readLogs, UsageAggregator, type ReadProgress, type Rejection } from './report.ts';
import type { UsageReport } from '../../schemas/usage.ts';
import type { DiskKb } from '../kb-files.ts';
import { kcsFromGit } from './kcs.ts';

export interface RunReportOptions {
  files: readonly string[];
  /** Where to write the report; nothing is written without it. */
  out?: string;
  kb?: Pick<DiskKb, 'articles'>;
  minQueryCount: number;
  /** The content folder, for KCS measures from its git history (skipped without). */
  contentRoot?: string;
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
  let report = agg.result();
  if (o.contentRoot && o.kb) {
    const kcs = kcsFromGit(
      o.contentRoot,
      'articles',
      o.kb.articles.map((a) => ({ id: a.id, owner: a.data.owner, confidence: a.data.confidence })),
    );
    if (kcs) report = { ...report, kcs };
  }
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  return { report, rejections: agg.rejections, seconds: (performance.now() - started) / 1000 };
}

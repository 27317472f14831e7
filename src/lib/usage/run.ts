/** `kb report` without the printing: read the logs and ticket exports, aggregate, write the JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readLogs, UsageAggregator, type ReadProgress, type Rejection } from './report.ts';
import { usageReportSchema, type UsageReport } from '../../schemas/usage.ts';
import { ledgerSchema, type ImportMapping } from '../../schemas/escalation.ts';
import type { DiskKb } from '../kb-files.ts';
import { readState } from '../import/state.ts';
import { gitHistory, kcsMeasures } from './kcs.ts';
import { readTicketExports, TicketKcsAggregator, type TicketArticle, type TicketRejection } from './tickets.ts';

export interface RunReportOptions {
  files: readonly string[];
  /** Where to write the report; nothing is written without it. */
  out?: string;
  kb?: Pick<DiskKb, 'articles'>;
  minQueryCount: number;
  /** The content folder, for KCS measures from its git history (skipped without) and links.json. */
  contentRoot?: string;
  /** Ticket exports in any format `kb import` reads, for the KCS measures from tickets. */
  tickets?: {
    files: readonly string[];
    format?: string | undefined;
    mapping?: ImportMapping | undefined;
    /** The site's locales, to read article URLs in ticket text. */
    locales: readonly string[];
    onFormat?: (file: string, format: string, detected: boolean, note: string) => void;
    onRecord?: (count: number) => void;
  };
  now?: Date;
  onProgress?: (p: ReadProgress) => void;
}

export interface RunReportResult {
  report: UsageReport;
  rejections: Rejection[];
  /** Ticket records rejected (file and record, the importer's message). */
  ticketRejections: TicketRejection[];
  /** Why ticket records were not counted as resolved, with counts. */
  notResolvedReasons: [string, number][];
  seconds: number;
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : undefined);

export async function runReport(o: RunReportOptions): Promise<RunReportResult> {
  const started = performance.now();
  const agg = new UsageAggregator({
    minQueryCount: o.minQueryCount,
    articles: o.kb?.articles.map((a) => ({ id: a.id, reviewed: new Date(a.data.reviewed) })),
    now: o.now,
  });
  await readLogs(o.files, agg, o.onProgress);
  let report = agg.result();
  let ticketRejections: TicketRejection[] = [];
  let notResolvedReasons: [string, number][] = [];
  if (o.contentRoot && o.kb) {
    const articles = o.kb.articles;
    const history = gitHistory(o.contentRoot, 'articles');
    const kcs = kcsMeasures(
      articles.map((a) => ({ id: a.id, owner: a.data.owner, confidence: a.data.confidence })),
      history?.created ?? new Map(),
      history?.validated ?? new Map(),
    );
    if (history) report = { ...report, kcs };
    if (o.tickets && o.tickets.files.length) {
      const ticketArticles: TicketArticle[] = articles.map((a) => {
        const created = Math.min(new Date(a.data.created).getTime(), ms(history?.created.get(a.id)) ?? Infinity);
        const validated =
          a.data.confidence === 'validated' || a.data.confidence === 'archived' ? ms(history?.validated.get(a.id)) : undefined;
        return { id: a.id, created, validated };
      });
      // Links an article keeps itself (`sources`) and those `kb import` recorded (links.json).
      const links = new Map<string, string[]>();
      const link = (key: string, id: string) => links.set(key, [...(links.get(key) ?? []), id]);
      for (const a of articles) for (const s of a.data.sources) link(`${s.system}:${s.id}`, a.id);
      const ledgerFile = join(o.contentRoot, 'escalations', 'links.json');
      for (const [key, e] of Object.entries(readState(ledgerFile, ledgerFile, ledgerSchema, {}))) link(key, e.article);
      const tickets = new TicketKcsAggregator(ticketArticles);
      await readTicketExports({ ...o.tickets, links }, tickets);
      report = usageReportSchema.parse({ ...report, kcs: { ...kcs, tickets: tickets.result(o.tickets.files.length) } });
      ticketRejections = tickets.rejections;
      notResolvedReasons = [...tickets.notResolvedReasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    }
  }
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(report, null, 2)}\n`);
  }
  return { report, rejections: agg.rejections, ticketRejections, notResolvedReasons, seconds: (performance.now() - started) / 1000 };
}

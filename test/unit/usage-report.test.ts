/** `kb report`: logs (plain and gzip) to content/insights/usage.json, every line accounted for. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempDir } from '../helpers/build.ts';
import { eventUrl } from '../../src/lib/usage/wire.ts';
import { runReport } from '../../src/lib/usage/run.ts';
import { usageReportSchema } from '../../src/schemas/usage.ts';

const ctx = { lang: 'de', audience: 'first-level', path: '/suche/' };
const ev = (time: string, type: Parameters<typeof eventUrl>[0], fields: Parameters<typeof eventUrl>[2]) =>
  JSON.stringify({ time, args: eventUrl(type, ctx, fields).split('?')[1] });

function logs() {
  const dir = tempDir('usage-report');
  const a = [
    ev('2026-10-05T09:00:00+02:00', 'search', { q: 'VPN trennt', n: 4, k: 1, id: 'vpn-trennt' }),
    ev('2026-11-05T09:00:00+01:00', 'search', { q: 'vpn  TRENNT ', n: 4 }),
    ev('2026-11-05T09:01:00+01:00', 'search', { q: 'drucker offline 0x00000709', n: 0 }),
    ev('2026-11-06T09:01:00+01:00', 'search', { q: 'Drucker offline 0x00000709', n: 0, fb: true }),
    ev('2026-11-06T09:02:00+01:00', 'search', { q: 'Kennwort von anna.nowak@muster.example', n: 0 }),
    ev('2026-11-06T09:02:00+01:00', 'search', { q: 'Kennwort von anna.nowak@muster.example', n: 0 }),
    ev('2026-11-06T09:03:00+01:00', 'search', { q: 'einmalige frage', n: 0 }),
    ev('2026-11-06T09:04:00+01:00', 'search', { q: '<script>alert(1)</script>', n: 0 }),
    ev('2026-11-06T09:04:30+01:00', 'search', { q: '<script>alert(1)</script>', n: 0 }),
    '',
    '10.0.0.1 - - [06/Nov/2026:09:05:00 +0100] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  ];
  const b = [
    ev('2026-11-07T10:00:00+01:00', 'feedback', { a: 'vpn-trennt', v: 'y' }),
    ev('2026-11-07T10:00:00+01:00', 'feedback', { a: 'vpn-trennt', v: 'n', r: 'outdated' }),
    ev('2026-11-07T10:01:00+01:00', 'tree', { tr: 'kein-netzwerk@2', e: 's', nd: 'start' }),
    ev('2026-11-07T10:01:00+01:00', 'tree', { tr: 'kein-netzwerk@2', e: 's', nd: 'kabel' }),
    ev('2026-11-07T10:01:00+01:00', 'tree', { tr: 'kein-netzwerk@2', e: 'o', nd: 'team', o: 'escalated', pa: 'start.0_kabel.1' }),
    ev('2026-11-07T10:02:00+01:00', 'tree', { tr: 'kein-netzwerk@2', e: 's', nd: 'start' }),
    ev('2026-11-07T10:02:00+01:00', 'tree', { tr: 'kein-netzwerk@2', e: 'o', nd: 'start', o: 'abandoned' }),
    ev('2026-11-07T10:03:00+01:00', 'quiz', { qz: 'phishing-erkennen', r: '101' }),
    '{"time":"2026-11-07T10:04:00+01:00","args":"t=s&l=de&b=employee&p=/&n=1&q=x&remote_addr=10.9.8.7"}',
    '{not json',
  ];
  writeFileSync(join(dir, 'events.log'), `${b.join('\n')}\n`);
  writeFileSync(join(dir, 'events.log.1.gz'), gzipSync(`${a.join('\n')}\n`));
  return { dir, files: [join(dir, 'events.log.1.gz'), join(dir, 'events.log')] };
}

describe('kb report', () => {
  it('aggregates searches, feedback, trees and quizzes and accounts for every line', async () => {
    const { files } = logs();
    const { report: r, rejections } = await runReport({
      files,
      minQueryCount: 2,
      kb: {
        articles: [
          { id: 'vpn-trennt', data: { reviewed: new Date('2026-11-01') } },
          { id: 'drucker-offline', data: { reviewed: new Date('2026-01-01') } },
        ] as never,
      },
    });
    expect(r.lines).toEqual({ counted: 17, ignored: 2, rejected: 2 });
    expect(rejections.map((x) => `${x.file.split('/').pop()}:${x.line}`)).toEqual(['events.log:9', 'events.log:10']);
    expect(JSON.stringify(rejections)).not.toContain('10.9.8.7');
    expect(r.searches).toMatchObject({ total: 9, noResults: 7, noClick: 1, fallback: 1 });
    expect(r.searches.top.map((q) => q.query)).toHaveLength(4);
    expect(r.searches.top.find((q) => q.query === 'drucker offline 0x00000709')).toMatchObject({
      count: 2,
      noResults: 2,
      byMonth: { '2026-11': 2 },
    });
    expect(r.searches.top.find((q) => q.query === 'vpn trennt')).toEqual({
      query: 'vpn trennt',
      count: 2,
      noResults: 0,
      noClick: 1,
      byMonth: { '2026-10': 1, '2026-11': 1 },
    });
    // Personal data is redacted before it is kept; a query seen once is only a count.
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/nowak|einmalige|10\.0\.0\.1|Mozilla/);
    expect(r.searches.noResultQueries.map((q) => q.query)).toContain('kennwort von [e-mail]');
    expect(r.searches.rare).toEqual({ queries: 1, searches: 1 });
    // Markup is kept as text (the pages render it escaped), never dropped silently.
    expect(r.searches.noResultQueries.map((q) => q.query)).toContain('<script>alert(1)</script>');
    expect(r.articles).toEqual([
      { id: 'vpn-trennt', helpful: 1, notHelpful: 1, reasons: { outdated: 1 }, notHelpfulSinceReview: 1, fromSearch: 1 },
    ]);
    expect(r.neverFound).toEqual(['drucker-offline']);
    expect(r.trees).toEqual([
      {
        tree: 'kein-netzwerk',
        version: '2',
        sessions: 2,
        solved: 0,
        escalated: 1,
        abandoned: 1,
        nodes: [
          { node: 'start', reached: 2, left: 1, solved: 0, escalated: 0 },
          { node: 'kabel', reached: 1, left: 0, solved: 0, escalated: 0 },
          { node: 'team', reached: 0, left: 0, solved: 0, escalated: 1 },
        ],
        paths: [
          { path: '', outcome: 'abandoned', node: 'start', count: 1 },
          { path: 'start.0_kabel.1', outcome: 'escalated', node: 'team', count: 1 },
        ],
      },
    ]);
    expect(r.quizzes).toEqual([
      {
        quiz: 'phishing-erkennen',
        submissions: 1,
        questions: [
          { index: 1, right: 1, wrong: 0 },
          { index: 2, right: 0, wrong: 1 },
          { index: 3, right: 1, wrong: 0 },
        ],
      },
    ]);
    expect(usageReportSchema.safeParse(r).success).toBe(true);
  });

  it('runs from the CLI, writes content/insights/usage.json and exits 1 on rejected lines', () => {
    const { dir, files } = logs();
    const content = join(dir, 'content');
    mkdirSync(content);
    for (const f of ['categories.yaml']) writeFileSync(join(content, f), readFileSync(join('content', f)));
    const r = spawnSync('npm', ['run', '--silent', 'kb', '--', 'report', '--content', content, ...files], { encoding: 'utf8' });
    expect(r.stderr).toContain('events.log:9');
    expect(r.stdout).toMatch(/21 lines in 2 file\(s\).*17 counted, 2 ignored \(not an event\), 2 rejected/);
    expect(r.status).toBe(1);
    const written = usageReportSchema.parse(JSON.parse(readFileSync(join(content, 'insights/usage.json'), 'utf8')));
    expect(written.searches.total).toBe(9);
  });

  it('names a broken gzip file', async () => {
    const dir = tempDir('usage-report-bad');
    writeFileSync(join(dir, 'x.gz'), 'not gzip at all');
    await expect(runReport({ files: [join(dir, 'x.gz')], minQueryCount: 2 })).rejects.toThrow(/x\.gz/);
  });
});

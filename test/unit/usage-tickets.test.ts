/** KCS measures from ticket exports: the pure measures, and `kb report --tickets` on fixture exports. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleIdsInText, histogramQuantiles, TicketKcsAggregator } from '../../src/lib/usage/tickets.ts';
import { ticketMonthRows, topReused } from '../../src/lib/usage/insights.ts';
import { usageReportSchema } from '../../src/schemas/usage.ts';
import { kcsContent, TICKET_EXPORTS } from '../helpers/kcs.ts';

const d = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

describe('KCS measures from tickets', () => {
  const articles = [
    { id: 'alt', created: ms('2025-01-01'), validated: ms('2026-11-20T00:00:00Z') },
    { id: 'neu', created: ms('2026-11-10'), validated: ms('2026-11-15T12:00:00Z') },
    { id: 'entwurf', created: ms('2026-10-01') },
  ];

  it('counts link rate, reuse, new vs known and the time to a validated article per month of resolution', () => {
    const agg = new TicketKcsAggregator(articles);
    // Known: "alt" existed before the ticket was opened; validated 10 days after the resolution.
    expect(
      agg.add({ key: 'servicenow:INC1', openedAt: d('2026-11-09T08:00:00Z'), resolvedAt: d('2026-11-10T00:00:00Z'), articles: ['alt'] }),
    ).toBe(true);
    // New: "neu" was created after the ticket was opened; validated 5.5 days after the resolution.
    agg.add({
      key: 'servicenow:INC2',
      openedAt: d('2026-11-08T00:00:00Z'),
      resolvedAt: d('2026-11-10T00:00:00Z'),
      articles: ['neu', 'neu'],
    });
    // No opening date in the export: the resolution date decides (entwurf existed before it); never validated.
    agg.add({ key: 'jira:ITSD-1', resolvedAt: d('2026-10-05T00:00:00Z'), articles: ['entwurf'] });
    // Not linked, and linked only to an article the KB does not have.
    agg.add({ key: 'jira:ITSD-2', resolvedAt: d('2026-10-06T00:00:00Z'), articles: [] });
    agg.add({ key: 'jira:ITSD-3', resolvedAt: d('2026-10-07T00:00:00Z'), articles: ['gibt-es-nicht'] });
    // No resolution date: in the totals, in no month, no time.
    agg.add({ key: 'glpi:7', articles: ['alt'] });
    // The same ticket again (another file of the same export): counted once.
    expect(agg.add({ key: 'servicenow:INC1', resolvedAt: d('2026-12-01T00:00:00Z'), articles: ['neu'] })).toBe(false);
    agg.notResolved('state "New" is not resolved');
    agg.notResolved('state "New" is not resolved');
    agg.reject('export.csv:9', 'unreadable CSV row: a quote inside a quoted cell is not doubled');

    const r = agg.result(2);
    expect(r).toMatchObject({
      files: 2,
      records: 10,
      resolved: 6,
      notResolved: 2,
      duplicates: 1,
      rejected: 1,
      noDate: 1,
      linked: 4,
      unknownArticle: 1,
      known: 2,
      newArticle: 1,
    });
    expect(r.records).toBe(r.resolved + r.notResolved + r.duplicates + r.rejected);
    expect(r.byMonth).toEqual({
      '2026-10': { resolved: 3, linked: 1, unknownArticle: 1, known: 1, newArticle: 0 },
      '2026-11': { resolved: 2, linked: 2, unknownArticle: 0, known: 1, newArticle: 1 },
    });
    expect(r.reuse).toEqual([
      { article: 'alt', tickets: 2, byMonth: { '2026-11': 1 } },
      { article: 'entwurf', tickets: 1, byMonth: { '2026-10': 1 } },
      { article: 'neu', tickets: 1, byMonth: { '2026-11': 1 } },
    ]);
    expect(r.timeToValidated).toEqual({
      count: 2,
      medianDays: 10,
      p90Days: 10,
      byMonth: { '2026-11': { count: 2, medianDays: 10, p90Days: 10 } },
    });
    expect(agg.rejections).toEqual([{ where: 'export.csv:9', reason: expect.stringContaining('unreadable CSV row') }]);
    expect(agg.notResolvedReasons.get('state "New" is not resolved')).toBe(2);
    expect(usageReportSchema.shape.kcs.unwrap().shape.tickets.unwrap().safeParse(r).success).toBe(true);

    // What the page shows: months with link rate and "no article", reused articles this build has.
    expect(ticketMonthRows(r).map((m) => [m.month, m.linkRate, m.noArticle])).toEqual([
      ['2026-10', 1 / 3, 2],
      ['2026-11', 1, 0],
    ]);
    expect(topReused(r, (id) => id !== 'entwurf').map((x) => x.article)).toEqual(['alt', 'neu']);
  });

  it('takes median and p90 from a histogram of tenths of days', () => {
    expect(histogramQuantiles(new Map())).toEqual({ count: 0, medianDays: 0, p90Days: 0 });
    // 1, 2, …, 10 days: index floor(0.5·10) = 5 → 6 days; floor(0.9·10) = 9 → 10 days.
    expect(histogramQuantiles(new Map(Array.from({ length: 10 }, (_, i) => [(i + 1) * 10, 1])))).toEqual({
      count: 10,
      medianDays: 6,
      p90Days: 10,
    });
    expect(histogramQuantiles(new Map([[25, 3]]))).toEqual({ count: 3, medianDays: 2.5, p90Days: 2.5 });
  });

  it('reads article URLs in ticket text with the route table, in both languages and on any host', () => {
    const text =
      'Gelöst mit https://kb.muster.example/artikel/drucker-offline/, danach http://intranet/en/articles/vpn-error-691/#steps. ' +
      'Nicht: https://kb.muster.example/kategorien/drucken/ https://kb.muster.example/suche/?q=artikel <https://x.example/artikel/Gross/> ' +
      'javascript:alert(1) https://kb.muster.example/artikel/%3Cscript%3E/';
    expect(articleIdsInText(text, ['de', 'en'])).toEqual(['drucker-offline', 'vpn-error-691']);
    expect(articleIdsInText('kein Link', ['de', 'en'])).toEqual([]);
  });
});

describe('kb report --tickets', () => {
  it('accounts for every record, prints the summary, and writes only article ids, months and counts', () => {
    const content = kcsContent('kcs-cli');
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'kb', '--', 'report', '--content', content, ...TICKET_EXPORTS.flatMap((f) => ['--tickets', f])],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toContain(
      '12 ticket records in 3 file(s): 7 resolved counted, 2 not resolved (ignored), 1 duplicates (counted once), 2 rejected',
    );
    expect(r.stdout).toContain(
      'KCS (tickets): 6 linked to an article (link rate 85.7 %), 5 known, 1 new, 1 linked to an unknown article, 1 without a resolution date',
    );
    expect(r.stdout).toMatch(/1 × not resolved: state "New" is not resolved/);
    // Rejected records with file and record number, in the importer's words.
    expect(r.stderr).toMatch(/rejected {2}\S*servicenow-kcs\.csv:\d+ {2}unreadable CSV row/);
    expect(r.stderr).toMatch(/rejected {2}\S*servicenow-kcs\.json#3 {2}not a ticket object/);
    expect(r.status).toBe(1);

    const file = join(content, 'insights', 'usage.json');
    const text = readFileSync(file, 'utf8');
    const t = usageReportSchema.parse(JSON.parse(text)).kcs!.tickets!;
    expect(t).toMatchObject({ files: 3, records: 12, resolved: 7, linked: 6, unknownArticle: 1, known: 5, newArticle: 1, noDate: 1 });
    expect(t.byMonth).toEqual({
      '2026-10': { resolved: 1, linked: 1, unknownArticle: 0, known: 1, newArticle: 0 },
      '2026-11': { resolved: 5, linked: 4, unknownArticle: 1, known: 3, newArticle: 1 },
    });
    expect(t.reuse.map((x) => [x.article, x.tickets])).toEqual([
      ['drucker-offline', 3],
      ['festplatte-voll', 1],
      ['kennwort-abgelaufen', 1],
      ['konto-gesperrt', 1],
      ['outlook-profil-neu-anlegen', 1],
    ]);
    // Validated in git on 2026-11-15 12:00: 44.1, 10, 8.1, 4.2 and 2.9 days after the resolutions.
    expect(t.timeToValidated).toEqual({
      count: 5,
      medianDays: 8.1,
      p90Days: 44.1,
      byMonth: { '2026-10': { count: 1, medianDays: 44.1, p90Days: 44.1 }, '2026-11': { count: 4, medianDays: 8.1, p90Days: 10 } },
    });

    // Privacy: every field of the exports has names, e-mail addresses or phone numbers; none is written,
    // nor a ticket number, title or the unknown article id.
    for (const s of [
      'Erika',
      'Mustermann',
      'Weiß',
      'Kowalczyk',
      'Yılmaz',
      'Chloé',
      'Prüfer',
      'Greta',
      'Paula',
      'Träger',
      'Olaf',
      '@',
      '0171',
      '7712',
      'INC00',
      'ITSD',
      'Drucker von',
      'Service Desk',
      'vpn-gibt-es-nicht',
    ])
      expect(text, s).not.toContain(s);
  });
});

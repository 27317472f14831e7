/**
 * The KCS measures from ticket exports on the built insight page: `kb report --tickets` on the
 * fixture exports over a git copy of the sample KB, then a staff build, German and English.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../helpers/build.ts';
import { kcsContent, TICKET_EXPORTS } from '../helpers/kcs.ts';

describe('KCS measures from tickets on the insight page', () => {
  let outDir: string;
  beforeAll(() => {
    const content = kcsContent('kcs-build');
    const report = spawnSync(
      process.execPath,
      ['scripts/kb.ts', 'report', '--content', content, ...TICKET_EXPORTS.flatMap((f) => ['--tickets', f])],
      { encoding: 'utf8' },
    );
    expect(report.stdout).toContain('7 resolved counted');
    const build = buildSite({ contentDir: content });
    expect(build.status, build.output).toBe(0);
    outDir = build.outDir;
  }, 600_000); // a report and a full build of the sample KB: minutes on a loaded machine

  /** The KCS ticket section of a built page, as HTML. */
  const section = (path: string) => {
    const html = readFileSync(join(outDir, path, 'index.html'), 'utf8');
    const start = html.indexOf('aria-labelledby="usage-kcs-tickets"');
    expect(start, path).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</section>', start));
  };
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/\s+/g, ' ')
      .trim();
  /** The element that starts with `open` (its first occurrence), up to its closing tag. */
  const element = (html: string, open: string, tag: string) => {
    const i = html.indexOf(open);
    expect(i, open).toBeGreaterThanOrEqual(0);
    return html.slice(i, html.indexOf(`</${tag}>`, i));
  };
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => text(m[1]!));

  it('shows link rate, new vs known, top reused articles and the time to a validated article', () => {
    const de = section('nutzung');
    expect(text(element(de, '<p data-kcs-summary', 'p'))).toContain(
      '7 gelöste Tickets aus 3 Datei(en), davon 6 mit einem Artikel verknüpft (86 %)',
    );
    const linkRate = element(de, 'data-kcs="link-rate"', 'table');
    expect(cells(element(linkRate, '<tr data-month="2026-11"', 'tr'))).toEqual(['Nov. 26', '5', '4', '80 %', '1']);
    expect(cells(element(linkRate, '<tr data-month="2026-10"', 'tr'))).toEqual(['Okt. 26', '1', '1', '100 %', '0']);
    const newKnown = element(de, 'data-kcs="new-known"', 'table');
    expect(cells(element(newKnown, '<tr data-month="2026-11"', 'tr'))).toEqual(['Nov. 26', '3', '1', '1']);
    const top = element(element(de, 'data-kcs="reuse"', 'table'), '<tr data-article="drucker-offline"', 'tr');
    expect(top).toContain('href="/artikel/drucker-offline/"');
    expect(cells(top).slice(0, 2)).toEqual(['Mein Drucker wird als „Offline“ angezeigt', '3']);
    expect(text(element(de, '<p data-kcs="time-to-validated"', 'p'))).toContain(
      'Median 8,1 Tage, 90 % innerhalb von 44,1 Tagen (5 Tickets)',
    );
    expect(de.match(/<caption>/g)).toHaveLength(4);
    expect(de).toMatch(/<svg[^>]*role="img"/);

    const en = section('en/usage');
    expect(text(element(en, '<p data-kcs-summary', 'p'))).toContain(
      '7 resolved tickets from 3 file(s), 6 of them linked to an article (86%)',
    );
    expect(text(element(en, '<p data-kcs="time-to-validated"', 'p'))).toContain('median 8.1 days, 90 % within 44.1 days (5 tickets)');
  });
});

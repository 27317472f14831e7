/**
 * Training on a fixture KB: calendar feeds parsed with an independent parser (ical.js), the
 * training-needs page with and without escalation data, and scaffolded files that build and lint.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { buildSite, tempDir, type BuildResult } from '../helpers/build.ts';

const kb = (args: string[], content: string) =>
  spawnSync(process.execPath, ['scripts/kb.ts', ...args, '--content', content], {
    encoding: 'utf8',
    env: { ...process.env, KB_TODAY: '2026-11-27' },
  });

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => ({
    uid: v.getFirstPropertyValue('uid') as string,
    start: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (v.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    startZone: (v.getFirstPropertyValue('dtstart') as ICAL.Time).zone?.tzid,
    status: v.getFirstPropertyValue('status'),
    sequence: v.getFirstPropertyValue('sequence'),
    location: v.getFirstPropertyValue('location'),
    summary: v.getFirstPropertyValue('summary'),
    stamp: (v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
  }));
}

describe('training on a fixture KB', () => {
  let content: string;
  let site: BuildResult;
  let withInsights: BuildResult;
  let scaffolded: string[];

  beforeAll(() => {
    content = join(tempDir('training'), 'content');
    cpSync('test/fixtures/content', content, { recursive: true });
    scaffolded = [
      kb(
        ['new', 'article', 'Drucker zeigt „Papierstau“, obwohl kein Papier klemmt', '--owner', 'Test Owner', '--category', 'drucken'],
        content,
      ),
      kb(['new', 'tree', 'Scanner scannt nicht in den Ordner', '--owner', 'Test Owner', '--category', 'drucken'], content),
      kb(['new', 'training', 'Scannen und Drucken für Profis', '--owner', 'Test Owner', '--category', 'drucken'], content),
    ].map((r) => {
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout.trim();
    });
    site = buildSite({ contentDir: content });
    const withData = join(tempDir('training'), 'content');
    cpSync(content, withData, { recursive: true });
    mkdirSync(join(withData, 'escalations'));
    writeFileSync(
      join(withData, 'escalations/insights.json'),
      JSON.stringify({
        generated: '2026-11-26T18:00:00Z',
        byCategoryMonth: [
          { category: 'konto', month: '2026-11', total: 9, known: 4, new: 5 },
          { category: 'drucken', month: '2026-10', total: 5, known: 5, new: 0 },
        ],
        byTreeNode: [],
      }),
    );
    withInsights = buildSite({ contentDir: withData });
  });

  it('scaffolds files that build', () => {
    expect(scaffolded).toEqual([
      join(content, 'articles/de/drucker-zeigt-papierstau-obwohl-kein-papier-klemmt.mdx'),
      join(content, 'trees/scanner-scannt-nicht-in-den-ordner.yaml'),
      join(content, 'training/scannen-und-drucken-fuer-profis.mdx'),
    ]);
    expect(site.status, site.output).toBe(0);
    expect(readFileSync(join(site.outDir, 'artikel/drucker-zeigt-papierstau-obwohl-kein-papier-klemmt/index.html'), 'utf8')).toContain(
      'Papierstau',
    );
    expect(readFileSync(scaffolded[0]!, 'utf8')).toMatch(/owner: "Test Owner"\ncreated: 2026-11-27\nreviewed: 2026-11-27/);
  });

  it('scaffolds files that pass the content lint, and refuses to overwrite', () => {
    const lint = kb(['lint', '--json'], content);
    expect(JSON.parse(lint.stdout).errors, lint.stdout).toBe(0);
    const again = kb(
      ['new', 'article', 'Drucker zeigt „Papierstau“, obwohl kein Papier klemmt', '--owner', 'X', '--category', 'drucken'],
      content,
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already; not overwritten/);
    expect(readFileSync(scaffolded[0]!, 'utf8')).toContain('Test Owner');
  });

  it('writes a calendar feed with stable UIDs, correct times and the cancellation', () => {
    const feed = events(readFileSync(join(site.outDir, 'schulungen/kalender.ics'), 'utf8'));
    expect(feed.map((e) => e.uid).sort()).toEqual(
      ['abgesagt', 'sommer', 'vergangen', 'winter'].map((s) => `drucken-grundlagen.${s}@kb.muster.example`),
    );
    const byUid = new Map(feed.map((e) => [e.uid.split('.')[1]!.split('@')[0]!, e]));
    // 09:00 in Berlin in January is 08:00 UTC; 14:00 in July is 12:00 UTC (summer time).
    expect(byUid.get('winter')).toMatchObject({
      start: '2027-01-20T08:00:00.000Z',
      end: '2027-01-20T09:00:00.000Z',
      startZone: 'UTC',
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(byUid.get('sommer')).toMatchObject({ start: '2027-07-07T12:00:00.000Z', end: '2027-07-07T13:00:00.000Z' });
    expect(byUid.get('abgesagt')).toMatchObject({ status: 'CANCELLED', sequence: 3, summary: 'Abgesagt: Drucken für Einsteiger' });
    // Commas and semicolons survive escaping.
    expect(byUid.get('winter')!.location).toBe('Köln, Gebäude B, Raum 2.14; Eingang Süd');
    expect(byUid.get('winter')!.stamp).toBe('2026-11-27T00:00:00.000Z');
  });

  it('folds lines at 75 octets and uses CRLF', () => {
    const raw = readFileSync(join(site.outDir, 'schulungen/kalender.ics'));
    const text = raw.toString('utf8');
    expect(text.includes('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('writes one .ics per session and one feed per audience, with the same UIDs', () => {
    const one = events(readFileSync(join(site.outDir, 'schulungen/drucken-grundlagen/winter.ics'), 'utf8'));
    expect(one).toHaveLength(1);
    expect(one[0]!.uid).toBe('drucken-grundlagen.winter@kb.muster.example');
    const employees = events(readFileSync(join(site.outDir, 'schulungen/kalender-employee.ics'), 'utf8'));
    expect(employees.map((e) => e.uid)).toContain('drucken-grundlagen.winter@kb.muster.example');
  });

  it('shows the module with objectives, sessions, materials, and links back from related articles', () => {
    const html = readFileSync(join(site.outDir, 'schulungen/drucken-grundlagen/index.html'), 'utf8');
    expect(html).toContain('Druckaufträge selbst abbrechen');
    expect(html).toContain('href="/schulungen/drucken-grundlagen/winter.ics"');
    expect(html).toContain('Abgesagt');
    expect(html).toContain('Vergangene Termine');
    expect(html).toContain('href="/diagnose/drucker/"');
    const article = readFileSync(join(site.outDir, 'artikel/druckauftrag-haengt/index.html'), 'utf8');
    expect(article).toContain('Schulungen zum Thema');
    expect(article).toContain('href="/schulungen/drucken-grundlagen/"');
    const calendar = readFileSync(join(site.outDir, 'schulungen/kalender/index.html'), 'utf8');
    expect(calendar).toContain('Januar 2027');
    expect(calendar).not.toContain('Juni 2026');
  });

  it('shows training needs from escalation data, with a helpful empty state before any import', () => {
    expect(readFileSync(join(site.outDir, 'schulungen/bedarf/index.html'), 'utf8')).toContain('npm run kb -- import');
    expect(readFileSync(join(site.outDir, 'eskalationen/index.html'), 'utf8')).toContain('Noch keine Eskalationen importiert');
    expect(withInsights.status, withInsights.output).toBe(0);
    const needs = readFileSync(join(withInsights.outDir, 'schulungen/bedarf/index.html'), 'utf8');
    expect(needs).toMatch(/Konto &amp; Anmeldung<\/th>\s*<td>9<\/td>/);
    expect(needs).toContain('Schulung zu „Konto &amp; Anmeldung“ planen');
    expect(needs).toMatch(/abgedeckt durch\s*<a href="\/schulungen\/drucken-grundlagen\/">/);
  });
});

/**
 * The escalation import end to end on the fixture KB: every real format, every record accounted
 * for, known issues linked, one draft per new problem, redaction, idempotency, edited drafts left
 * alone, malformed input reported, and hostile ticket text rendered literally in the built site.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusTickets, leaked, writeExports } from '../bench/privacy.ts';
import { buildSite, tempDir } from '../helpers/build.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serveDir } from '../helpers/server.ts';

const F = 'test/fixtures/imports';
const ALL = [`${F}/servicenow-incidents.csv`, `${F}/servicenow-api.json`, `${F}/jira-export.csv`, `${F}/glpi-tickets.csv`, `${F}/zammad`];

function kb(args: string[], content: string) {
  return spawnSync(process.execPath, ['scripts/kb.ts', ...args, '--content', content], {
    encoding: 'utf8',
    env: { ...process.env, KB_TODAY: '2026-11-27' },
  });
}
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile());
  return new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
type Report = {
  records: { system: string; id: string; outcome: string; reason: string; article: string | null }[];
  summary: Record<string, number>;
};

describe('escalation import', () => {
  let content: string;
  let report: Report;
  let first: ReturnType<typeof kb>;

  beforeAll(() => {
    content = join(tempDir('import'), 'content');
    cpSync('test/fixtures/content', content, { recursive: true });
    const reportFile = join(content, '..', 'report.json');
    first = kb(['import', ...ALL, '--report', reportFile], content);
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  });

  const outcome = (id: string) => report.records.find((r) => r.id === id);
  const draft = (id: string) => readFileSync(join(content, 'articles/de', `${id}.mdx`), 'utf8');

  it('detects every format, says so, and accounts for every record', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${F}/servicenow-incidents.csv: servicenow (detected)`);
    expect(first.stdout).toContain(`${F}/jira-export.csv: jira (detected)`);
    expect(first.stdout).toContain(`${F}/glpi-tickets.csv: glpi (detected)`);
    expect(first.stdout).toContain(`${F}/zammad: zammad (detected)`);
    // 8 ServiceNow CSV + 2 API + 4 Jira + 3 GLPI + 3 Zammad
    expect(report.records).toHaveLength(20);
    expect(report.summary).toMatchObject({ total: 20, drafted: 6, merged: 1, linked: 1, skipped: 12, rejected: 0 });
  });

  it('skips what is not a resolved escalation, with the reason', () => {
    expect(outcome('INC0010104')).toMatchObject({ outcome: 'skipped', reason: 'state "In Progress" is not resolved' });
    expect(outcome('INC0010105')).toMatchObject({ outcome: 'skipped', reason: 'not escalated (resolved by "Service Desk")' });
    expect(outcome('INC0010106')).toMatchObject({ outcome: 'skipped', reason: 'state "Canceled" is not resolved' });
    expect(outcome('INC0010107')).toMatchObject({ outcome: 'skipped', reason: 'close code "Duplicate"' });
    expect(outcome('INC0020002')).toMatchObject({ outcome: 'skipped' });
    expect(outcome('ITSD-4712')).toMatchObject({ outcome: 'skipped', reason: 'resolution "Duplicate" is not a solution' });
    expect(outcome('ITSD-4713')).toMatchObject({ outcome: 'skipped' });
    expect(outcome('ITSD-4714')).toMatchObject({ outcome: 'skipped', reason: 'not escalated (components/labels: Service Desk)' });
    expect(outcome('1044')).toMatchObject({ outcome: 'skipped', reason: 'not escalated (technician group "Service Desk")' });
    expect(outcome('31003')).toMatchObject({ outcome: 'skipped', reason: 'not escalated (group "Users")' });
  });

  it('links a known issue to its article instead of drafting it again', () => {
    expect(outcome('INC0010101')).toMatchObject({ outcome: 'linked', article: 'druckauftrag-haengt' });
    const links = JSON.parse(readFileSync(join(content, 'escalations/links.json'), 'utf8'));
    expect(links['servicenow:INC0010101']).toMatchObject({ article: 'druckauftrag-haengt', outcome: 'linked', known: true });
    expect(readFileSync(join(content, 'articles/de/druckauftrag-haengt.mdx'), 'utf8')).not.toContain('INC0010101');
  });

  it('makes one draft of several tickets about one new problem', () => {
    expect(outcome('INC0010102')).toMatchObject({ outcome: 'drafted', article: 'excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab' });
    expect(outcome('INC0010103')).toMatchObject({ outcome: 'merged', article: 'excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab' });
    const text = draft('excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab');
    expect(text).toMatch(/confidence: wip\naudience: second-level|audience: second-level\nconfidence: wip/);
    expect(text).toContain('id: INC0010102');
    expect(text).toContain('id: INC0010103');
    expect(text).toContain('## Problem');
    expect(text).toContain('## Lösung');
    expect(text).toContain('COM-Add-ins');
  });

  it('drafts from every format: Jira comments, Zammad HTML articles, GLPI solutions', () => {
    expect(draft('outlook-fragt-staendig-nach-dem-kennwort')).toContain('MicrosoftOffice16_Data:SSPI');
    const onedrive = draft('onedrive-synchronisiert-nicht-mehr-0x8004de40');
    expect(onedrive).toContain('onedrive.exe /reset');
    expect(onedrive).toContain('0x8004de40');
    expect(draft('laptop-laedt-nicht-an-der-dockingstation')).toContain('Dock-Firmware auf 1.0.30');
    expect(draft('teams-besprechungen-ohne-ton-am-headset')).toContain('Standardgerät');
  });

  it('redacts personal data and secrets before anything is written', () => {
    const written = [...snapshot(join(content, 'articles')).values(), ...snapshot(join(content, 'escalations')).values()].join('\n');
    for (const secret of [
      'Max Mustermann',
      'Mustermann',
      'max.mustermann@',
      '1234 5678',
      'Sommer2026',
      '123456-234567',
      'Paula Peters',
      '557058:f1e2d3c4',
      'Greta Grün',
      '98765432',
      'Hanna Hoff',
      'hanna.hoff@',
      'Ivo Ilg',
    ]) {
      expect(written, secret).not.toContain(secret);
    }
    expect(draft('excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab')).toContain('\\[Name\\]');
  });

  it('writes insights without personal data, including the tree node from the kb-tree marker', () => {
    const insights = JSON.parse(readFileSync(join(content, 'escalations/insights.json'), 'utf8'));
    expect(insights.byTreeNode).toEqual([{ tree: 'drucker', version: '1.2', node: 'eskalation', count: 1 }]);
    const total = insights.byCategoryMonth.reduce((n: number, r: { total: number }) => n + r.total, 0);
    expect(total).toBe(8);
  });

  it('changes no file when the same import runs again', () => {
    const before = snapshot(content);
    const again = kb(['import', ...ALL], content);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/0 file\(s\) written/);
    expect(snapshot(content)).toEqual(before);
  });

  it('never overwrites a draft a person edited; new tickets of that problem are linked', () => {
    const file = join(content, 'articles/de/excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab.mdx');
    const edited = readFileSync(file, 'utf8').replace(
      '## Lösung',
      '## Lösung\n\nVon L2 ergänzt: Add-in per Intune-Richtlinie deaktiviert.',
    );
    writeFileSync(file, edited);
    const extra = join(content, '..', 'more.csv');
    writeFileSync(
      extra,
      '"number","short_description","description","state","close_notes","assignment_group","resolved_at","caller_id"\r\n' +
        '"INC0010999","Excel stürzt beim Öffnen von SharePoint-Dateien ab","Excel schließt sich beim Öffnen von SharePoint-Dateien.","Resolved","COM-Add-in Muster Reporting deaktiviert.","L2 Workplace","2026-11-20 10:00:00","Udo Ulm"\r\n',
    );
    const r = kb(['import', extra, '--report', join(content, '..', 'r2.json')], content);
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(readFileSync(join(content, '..', 'r2.json'), 'utf8')).records[0];
    expect(rec).toMatchObject({ id: 'INC0010999', outcome: 'linked', article: 'excel-stuerzt-beim-oeffnen-von-sharepoint-dateien-ab' });
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('reads a German Excel CSV (Windows-1252, ;) with a mapping file', () => {
    const r = kb(['import', `${F}/generic-excel.csv`, '--from', 'csv', '--map', `${F}/generic-mapping.yaml`], content);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 records: 1 drafted, 0 merged, 0 linked, 1 skipped');
    const text = draft('scanner-speichert-nicht-in-den-netzwerkordner');
    expect(text).toContain('category: drucken');
    expect(text).toContain('SMB-Verbindung fehlgeschlagen');
    expect(text).not.toContain('Jürgen');
  });

  it('reports malformed input with file and line, lets the other records through, and exits 1', () => {
    const noColumns = join(content, '..', 'jira-without-status.csv');
    writeFileSync(noColumns, '"Summary","Issue key","Status"\r\n"VPN","ITSD-1","Done"\r\n');
    const r = kb(
      [
        'import',
        `${F}/broken-quoting.csv`,
        `${F}/empty.csv`,
        `${F}/unknown.csv`,
        noColumns,
        '--dry-run',
        '--report',
        join(content, '..', 'r3.json'),
      ],
      content,
    );
    const cols = kb(['import', noColumns, '--from', 'jira', '--dry-run'], content);
    expect(cols.status).toBe(1);
    expect(cols.stderr).toMatch(/rejected {2}.*jira-without-status\.csv:1 {2}missing required column: Status Category/);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/rejected {2}test\/fixtures\/imports\/broken-quoting\.csv:3 {2}unreadable CSV row/);
    expect(r.stderr).toContain('rejected  test/fixtures/imports/empty.csv  unknown format');
    expect(r.stderr).toContain('rejected  test/fixtures/imports/unknown.csv  unknown format');
    expect(r.stderr).toMatch(/jira-without-status\.csv:1 {2}missing required column: Status Category/);
    const recs = JSON.parse(readFileSync(join(content, '..', 'r3.json'), 'utf8')).records;
    expect(recs.filter((x: { outcome: string }) => x.outcome !== 'rejected').map((x: { id: string }) => x.id)).toEqual(['INC1', 'INC3']);
    expect(r.stdout).toContain('(dry run: nothing written)');
  });

  it('builds, and hostile ticket text renders literally without running; no planted personal data reaches the site', async () => {
    // The privacy benchmark's corpus (every export format, German and English) goes in too.
    const exportsDir = join(content, '..', 'privacy');
    mkdirSync(exportsDir, { recursive: true });
    const tickets = corpusTickets();
    const { files } = writeExports(exportsDir, tickets);
    const corpusReport = join(content, '..', 'privacy-report.json');
    const imported = kb(['import', ...files, '--report', corpusReport], content);
    expect(imported.status, imported.stderr).toBe(0);
    const corpusNew = JSON.parse(readFileSync(corpusReport, 'utf8')).records.filter(
      (r: { outcome: string }) => r.outcome === 'drafted' || r.outcome === 'merged',
    ).length;
    expect(corpusNew).toBeGreaterThan(30);
    // Two linked tickets said "Ausdruck": the escalations page proposes it with the command.
    writeFileSync(
      join(content, 'escalations/keywords.json'),
      JSON.stringify({ 'druckauftrag-haengt': { terms: { ausdruck: 3, '<b>x</b>': 2 }, pending: {}, dismissed: [] } }),
    );
    const site = buildSite({ contentDir: content });
    expect(site.status, site.output).toBe(0);
    // In the body; in <head> the text only appears inside attribute values, where markup is inert.
    const html = readFileSync(join(site.outDir, 'artikel/formular-zeigt-a-1-und-script-statt-inhalt/index.html'), 'utf8').split(
      '<body',
    )[1]!;
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>fett<\/b>|href="javascript/);
    expect(html).toContain('&lt;script&gt;alert(');
    // The escalations page draws the insights as SVG at build time (November: 7 new from the
    // first import, 1 from the Excel CSV; the ticket linked to the edited draft counts as known).
    const charts = readFileSync(join(site.outDir, 'eskalationen/index.html'), 'utf8');
    expect(charts.match(/<svg[^>]*role="img"/g)).toHaveLength(3);
    expect(charts).toContain('Drucker druckt nicht › eskalation');
    expect(charts).toContain('Suchbegriffe aus Tickets');
    expect(charts).toContain('ausdruck (3), &lt;b&gt;x&lt;/b&gt; (2)');
    expect(charts).toContain('npm run kb -- keywords accept druckauftrag-haengt ausdruck');
    expect(charts).toMatch(new RegExp(`<title>Nov\\.? 26 · Neu \\(Entwurf\\): ${8 + corpusNew}</title>`));
    // Every page of the built site: none of the planted names, identifiers or secrets.
    // (Training pages are left out: they name the fixture's trainers, who are not ticket data.)
    const pages = readdirSync(site.outDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.html') && !/^(?:schulungen|en\/training)\//.test(f));
    expect(pages.length).toBeGreaterThan(60);
    const siteText = pages
      .map((f) => readFileSync(join(site.outDir, f), 'utf8'))
      .join('\n')
      .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(+d))
      .replace(/&amp;/g, '&')
      .normalize('NFC');
    const leaks = tickets.flatMap((t) => t.plants).filter((p) => leaked(p, siteText));
    expect(leaks.map((l) => `${l.category}: ${l.value}`)).toEqual([]);
    expect(charts).not.toMatch(/<script(?![^>]*SearchModalLoader)/);
    const chromium = inject('chromium');
    if (!chromium) return;
    const server = await serveDir(site.outDir);
    const browser = await launchBrowser(chromium);
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${server.url}/artikel/formular-zeigt-a-1-und-script-statt-inhalt/`);
      const text = await page.locator('.prose').innerText();
      for (const literal of [
        '{process.exit(1)}',
        '<script>alert("xss")</script>',
        'import fs from "fs"',
        'export const x = 1',
        '```',
        '<!-- comment',
        '---',
        'title: pwned',
        '[Klick](javascript:alert(1))',
        '<img src=x onerror=alert(2)>',
        '{alert(3)}',
        '<b>fett</b>',
      ]) {
        expect(text, literal).toContain(literal);
      }
      expect(await page.locator('.prose a, .prose img, .prose script, .prose b').count()).toBe(0);
      expect(dialogs).toEqual([]);
      await expect(page.locator('h1').textContent()).resolves.toBe('Formular zeigt {"a": 1} und </script> statt Inhalt');
    } finally {
      await browser.close();
      await server.close();
    }
  }, 240_000); // an import of the privacy corpus and a full build: slower than the default timeout on a loaded machine
});

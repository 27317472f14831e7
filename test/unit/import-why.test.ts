/**
 * One failing-input test per bullet under "Why" in issue 13 (and the Deliver items around them):
 * each builds the export that broke, runs the real importer into a temporary KB and checks what a
 * person would see in the files, the report and the console.
 */
import config from '../../kb.config.ts';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKb } from '../../src/lib/kb-files.ts';
import { runImport, type ImportOptions, type ImportResult } from '../../src/lib/import/run.ts';
import { importMappingSchema } from '../../src/schemas/escalation.ts';
import { ROOT, tempDir } from '../helpers/build.ts';

const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
const SN_HEADER = [
  'number',
  'short_description',
  'description',
  'state',
  'close_code',
  'close_notes',
  'assignment_group',
  'resolved_at',
  'caller_id',
  'assigned_to',
  'work_notes',
];
function snCsv(rows: Partial<Record<string, string>>[]): string {
  const lines = [SN_HEADER.map(q).join(',')];
  rows.forEach((r, i) => {
    const row: Record<string, string> = {
      number: `INC77${String(i).padStart(5, '0')}`,
      short_description: 'Ticket',
      description: '',
      state: 'Resolved',
      close_code: 'Solved (Permanently)',
      close_notes: 'Dienst neu gestartet und Cache geleert.',
      assignment_group: 'L2 Workplace',
      resolved_at: '2026-11-04 15:30:00',
      caller_id: '',
      assigned_to: 'Jonas Becker',
      work_notes: '',
      ...r,
    } as Record<string, string>;
    lines.push(SN_HEADER.map((h) => q(row[h] ?? '')).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

interface Run {
  result: ImportResult;
  content: string;
  dir: string;
  /** Everything the import wrote, decoded from numeric references. */
  written: string;
  drafts: Map<string, string>;
}

async function importFiles(files: Record<string, string | Buffer>, o: Partial<ImportOptions> = {}, names?: string[]): Promise<Run> {
  const dir = tempDir('import-why');
  const content = join(dir, 'content');
  cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
  const paths: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, data);
    paths.push(p);
  }
  const list = () =>
    ['de', 'en'].flatMap((l) =>
      existsSync(join(content, 'articles', l)) ? readdirSync(join(content, 'articles', l)).map((f) => `${l}/${f}`) : [],
    );
  const before = new Set(list());
  const result = await runImport({
    files: names ? names.map((n) => join(dir, n)) : paths,
    contentRoot: content,
    kb: readKb(content, config),
    dryRun: false,
    today: new Date('2026-11-27T00:00:00Z'),
    locale: 'de',
    ...o,
  });
  // New drafts in both language folders, by file name.
  const drafts = new Map(
    list()
      .filter((f) => !before.has(f))
      .map((f) => [f.slice(3), readFileSync(join(content, 'articles', f), 'utf8')]),
  );
  const esc = join(content, 'escalations');
  const state = existsSync(esc) ? readdirSync(esc).map((f) => readFileSync(join(esc, f), 'utf8')) : [];
  const written = [...drafts.values(), ...state, JSON.stringify(result)]
    .join('\n')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(+n));
  return { result, content, dir, written, drafts };
}

const only = (r: Run) => {
  expect(r.drafts.size, JSON.stringify(r.result.records)).toBe(1);
  return [...r.drafts.values()][0]!;
};

describe('people in free text never reach a file', () => {
  it('redacts greetings, sign-offs, reported by, my manager, quoted headers, Last-First, NFD and zero-width names', async () => {
    const description = [
      'Der Drucker PRN-MUC-3OG-01 druckt nur leere Seiten, Fehler 0x80070005 seit KB5014754.',
      'Hallo Frau Kowalczyk,',
      'Hello Chloé,',
      'Reported by Siobhan Kelly, my manager is Richard Thompson.',
      'Im Auftrag von Herrn Brandt.',
      'Von: Weiß, Jürgen <j.weiss@muster.example>',
      'Gesendet: Montag, 3. November 2026 10:00',
      'An: IT-Servicedesk',
      `Rückfrage: ${'Jürgen Weiß'.normalize('NFD')} und Jür\u200bgen Weiß, bzw. WEISS, JÜRGEN.`,
      'Viele Grüße, Jürgen Weiß',
    ].join('\n');
    const r = await importFiles({
      'sn.csv': snCsv([{ short_description: 'Drucker druckt leere Seiten', description, caller_id: 'Jürgen Weiß' }]),
    });
    for (const leak of ['Kowalczyk', 'Chloé', 'Siobhan', 'Kelly', 'Thompson', 'Brandt', 'Weiß', 'Jürgen', 'JÜRGEN', 'WEISS', 'j.weiss'])
      expect(r.written, leak).not.toContain(leak);
    const text = only(r);
    for (const keep of ['PRN-MUC-3OG-01', '0x80070005', 'KB5014754']) expect(text).toContain(keep);
  });

  it('redacts Zammad "Name via IT-Servicedesk" senders and names of article senders everywhere', async () => {
    const tickets = [
      {
        id: 1,
        number: '52001',
        title: 'VPN trennt nach 10 Minuten',
        state: 'closed',
        group: '2nd Level Netzwerk',
        customer: 'Paulina Zielińska',
        owner: '-',
        close_at: '2026-11-16T12:00:00Z',
      },
    ];
    const articles = [
      {
        body: 'VPN (Cisco AnyConnect 4.10) trennt nach 10 Minuten. Mein Kollege Emre Aydın auch.',
        content_type: 'text/plain',
        sender: 'Customer',
        from: 'Paulina Zielińska <p.z@muster.example>',
        created_at: '2026-11-15T08:00:00Z',
      },
      {
        body: 'Hallo Frau Zielińska, MTU auf 1400 gesetzt. Gruß Kübra',
        content_type: 'text/plain',
        sender: 'Agent',
        from: 'Kübra Doğan via IT-Servicedesk <servicedesk@muster.example>',
        created_at: '2026-11-16T12:00:00Z',
      },
      {
        body: 'Danke, geht wieder! Kübra Doğan hat super geholfen.',
        content_type: 'text/plain',
        sender: 'Customer',
        from: 'Paulina Zielińska <p.z@muster.example>',
        created_at: '2026-11-16T13:00:00Z',
      },
    ];
    const r = await importFiles({ 'z/tickets.json': JSON.stringify(tickets), 'z/articles/1.json': JSON.stringify(articles) }, {}, ['z']);
    for (const leak of ['Zielińska', 'Kübra', 'Doğan', 'Emre', 'Aydın', 'Paulina']) expect(r.written, leak).not.toContain(leak);
    const text = only(r);
    // The resolution is the agent's, never the customer's closing thanks.
    expect(text.split('## Lösung')[1]).toContain('MTU auf 1400 gesetzt');
    expect(text).not.toContain('geht wieder');
  });
});

describe('identifiers and secrets in prose', () => {
  it('redacts employee ids, logons, UPNs, IBANs, phones, passwords, AWS keys and spaced BitLocker keys', async () => {
    const secrets = {
      empl: 'Employee ID 40117',
      pers: 'Personalnummer 004711',
      logon1: 'Thomas Becker (tbecker)',
      logon2: 'MUSTER\\tbecker',
      upn: 'tbecker@muster.onmicrosoft.com',
      iban: 'DE89370400440532013000',
      tel: 'Tel.:+49 89 12345678',
      mobil: 'Mobil:0172 1234567',
      pw1: 'Password for test account was Winter2025!',
      pw2: 'Das Passwort lautet: Geheim123',
      pw3: 'Initialpasswort: Start#2026',
      pw4: 'Kennwort wurde auf Herbst2026! gesetzt',
      aws: 'AKIAIOSFODNN7EXAMPLE',
      bl: '123456 234567 345678 456789 567890 678901 789012 890123',
    };
    const description = `Outlook 2021 (16.0.17928.20114) startet nicht, SAP-Hinweis 2578560 geprüft, siehe INC0042311.\n${Object.values(secrets).join('\n')}`;
    const r = await importFiles({
      'sn.csv': snCsv([{ short_description: 'Outlook startet nicht', description, caller_id: 'Thomas Becker' }]),
    });
    for (const leak of [
      '40117',
      '004711',
      'tbecker',
      'DE89370400440532013000',
      '12345678',
      '1234567',
      'Winter2025',
      'Geheim123',
      'Start#2026',
      'Herbst2026',
      'AKIAIOSFODNN7EXAMPLE',
      '890123',
    ])
      expect(r.written, leak).not.toContain(leak);
    const text = only(r);
    for (const keep of ['16.0.17928.20114', 'SAP-Hinweis 2578560', 'INC0042311', 'Outlook 2021']) expect(text).toContain(keep);
  });
});

describe('error messages do not leak', () => {
  it('reports a broken CSV row by line and ticket id, never with its content, on the console and in the report', () => {
    const dir = tempDir('import-why');
    const content = join(dir, 'content');
    cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
    const file = join(dir, 'broken.csv');
    writeFileSync(
      file,
      `${SN_HEADER.map(q).join(',')}\r\n"INC7","Kaputt "Zitat" Anrufer Jürgen Weiß, Mobil 0172 1234567","x","Resolved","","Fix","L2 Workplace","","Jürgen Weiß","",""\r\n`,
    );
    const reportFile = join(dir, 'report.json');
    const r = spawnSync(process.execPath, ['scripts/kb.ts', 'import', file, '--report', reportFile, '--content', content], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KB_TODAY: '2026-11-27' },
    });
    const all = `${r.stdout}\n${r.stderr}\n${readFileSync(reportFile, 'utf8')}`;
    expect(r.stderr).toMatch(/broken\.csv:2 {2}unreadable CSV row \(ticket INC7\): a quote inside a quoted cell is not doubled/);
    for (const leak of ['Jürgen', 'Weiß', '0172', 'Kaputt', 'Zitat']) expect(all, leak).not.toContain(leak);
  });
});

describe('export quirks', () => {
  it('reads German display values of state fields in every system', async () => {
    const r = await importFiles({
      'sn.csv': snCsv([
        {
          short_description: 'Scanner speichert nicht im Netzwerkordner',
          state: 'Gelöst',
          description: 'Scan-to-Folder auf \\\\srv-fs01\\scan meldet SMB-Fehler.',
        },
        {
          short_description: 'Webcam im Browser bleibt schwarz',
          state: 'Geschlossen',
          description: 'In Teams im Browser bleibt das Kamerabild schwarz.',
        },
        { short_description: 'Noch offen', state: 'In Bearbeitung' },
      ]),
      'jira.csv':
        '"Summary","Issue key","Status","Status Category","Resolution","Components","Description","Comment"\r\n"SAP GUI bricht Verbindung ab","ITSD-1","Erledigt","Fertig","Fertig","L2 SAP","NiIRead P=10.20.1.5:3200","12/Nov/26 2:10 PM;abc;Firewall-Regel für Port 3200 ergänzt."\r\n',
      'glpi.csv':
        '\uFEFF"ID";"Title";"Status";"Assigned to - Technician group";"Description";"Solution - Solution";\r\n"9";"Barcode-Scanner liest keine Etiketten";"Gelöst";"2nd Level Lager";"Zebra DS2208 piept nur";"Per Konfigurations-Barcode auf USB-HID zurückgesetzt.";\r\n',
    });
    const outcome = (id: string) => r.result.records.find((x) => x.id === id)?.outcome;
    expect(outcome('INC7700000')).toBe('drafted');
    expect(outcome('INC7700001')).toBe('drafted');
    expect(r.result.records.find((x) => x.id === 'INC7700002')).toMatchObject({
      outcome: 'skipped',
      reason: 'state "In Bearbeitung" is not resolved',
    });
    expect(outcome('ITSD-1')).toBe('drafted');
    expect(outcome('9')).toBe('drafted');
  });

  it('reads Excel "Unicode text" (UTF-16LE with BOM, tab-separated) and UTF-16BE', async () => {
    const rows =
      'number\tshort_description\tdescription\tstate\tclose_notes\tassignment_group\r\nINC1\tDrucker im Foyer druckt doppelseitig falsch\tBeidseitig gedruckte Seiten stehen auf dem Kopf – Größe A4.\tResolved\tDuplex-Bindung auf lange Kante gestellt.\tL2 Workplace\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]);
    const be = Buffer.from([0xfe, 0xff, ...Buffer.from(rows.replace('INC1', 'INC2').replace('Foyer', 'Keller'), 'utf16le').swap16()]);
    const r = await importFiles({ 'le.txt': le, 'be.txt': be });
    expect(r.result.summary.rejected, JSON.stringify(r.result.records)).toBe(0);
    expect(r.result.records.map((x) => x.outcome).sort()).toEqual(['drafted', 'merged']);
    expect(r.written).toContain('Größe A4');
  });

  it('decodes a Windows-1252 file whose first 64 KB are ASCII: umlauts later, in titles too, never U+FFFD', async () => {
    const filler = Array.from({ length: 700 }, (_v, i) => `"INC${i}","Open ${i}","${'x'.repeat(80)}","New","","","L2 Workplace"`).join(
      '\r\n',
    );
    const text = `"number","short_description","description","state","close_code","close_notes","assignment_group"\r\n${filler}\r\n"INC9999","Lösung für Überweisungsdrucker gefunden","Der Drucker in der Buchhaltung druckt Überweisungen schief.","Resolved","","Einzug neu justiert, Treiber für Größe A5 geändert.","L2 Workplace"\r\n`;
    expect(Buffer.from(text, 'latin1').indexOf(0xfc)).toBeGreaterThan(65536);
    const r = await importFiles({ 'cp1252.csv': Buffer.from(text, 'latin1') });
    const draft = only(r);
    expect(draft).toContain('title: Lösung für Überweisungsdrucker gefunden');
    expect(draft).toContain('Größe A5');
    expect(r.written).not.toContain('\uFFFD');
  });

  it('uses the mapping delimiter', async () => {
    const mapping = importMappingSchema.parse({
      delimiter: '|',
      columns: { id: 'Nr', title: 'Betreff', description: 'Text', resolution: 'Lösung' },
    });
    const r = await importFiles(
      {
        'pipe.csv':
          'Nr|Betreff|Text|Lösung\r\nT-1|Kalender, Termine und Räume fehlen|In Outlook fehlen Raumpostfächer, Termine, Serien.|Adressbuch, OAB und Cache neu geladen.\r\n',
      },
      { format: 'csv', mapping },
    );
    expect(r.result.summary.rejected, JSON.stringify(r.result.records)).toBe(0);
    expect(only(r)).toContain('title: Kalender, Termine und Räume fehlen');
  });

  it('merges a ticket that appears twice in a paged Table API export: listed once in sources', async () => {
    const rec = {
      number: 'INC0099001',
      short_description: 'Citrix-Sitzung friert beim Drucken ein',
      description: 'Citrix Workspace 2402 hängt beim Drucken.',
      state: '6',
      close_notes: 'Universal Print Driver erzwungen.',
      assignment_group: 'L2 Workplace',
    };
    const r = await importFiles({ 'page1.json': JSON.stringify({ result: [rec] }), 'page2.json': JSON.stringify({ result: [rec] }) });
    const draft = only(r);
    expect(draft.match(/id: INC0099001/g)).toHaveLength(1);
    expect(r.result.records.map((x) => [x.outcome, x.reason])).toEqual([
      ['drafted', 'new problem'],
      ['merged', 'the same ticket appears again in the export (merged)'],
    ]);
  });

  it('caps a 200 KB description at the documented size with the cut marked', async () => {
    const long = Array.from({ length: 4000 }, (_v, i) => `Zeile ${i}: Ereignis 4625 auf dc01.muster.local.`).join('\n');
    expect(long.length).toBeGreaterThan(190_000);
    const r = await importFiles({
      'sn.csv': snCsv([{ short_description: 'Anmeldung am Domänencontroller scheitert', description: long }]),
    });
    const draft = only(r);
    expect(Buffer.byteLength(draft)).toBeLessThan(64 * 1024);
    expect(draft).toMatch(/\\\[… gekürzt: [\d.]+ Zeichen ausgelassen, vollständiger Text im Ticket INC7700000\\\]/);
  });
});

describe('file names and titles', () => {
  it('gives Windows device names, punctuation or emoji titles and bidi/zero-width titles safe names and clean titles', async () => {
    const r = await importFiles({
      'sn.csv': snCsv([
        { short_description: 'CON', description: 'Konsole meldet Fehler 0x1.' },
        { short_description: 'NUL', description: 'Nullgerät fehlt beim Start von Skripten.' },
        { short_description: 'COM1', description: 'Serieller Port COM1 fehlt nach Update.' },
        { short_description: '!!! ??? …', description: 'Alles kaputt, Laufwerk P: fehlt.' },
        { short_description: '🔥🔥🔥', description: 'Brandmeldeanlage schickt keine Mails an das Leitstand-Postfach.' },
        { short_description: 'Rechnung_Q4\u202efdp.exe\u200b geöffnet', description: 'Anhang einer Phishing-Mail geöffnet.' },
        {
          short_description: `Sehr langer Titel ${'über Laufwerke und Drucker '.repeat(12)}Ende`,
          description: 'Der Titel allein hat über 300 Zeichen.',
        },
      ]),
    });
    expect(r.result.summary.rejected, JSON.stringify(r.result.records)).toBe(0);
    const names = [...r.drafts.keys()];
    for (const n of names) {
      expect(n).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/);
      expect(n.replace(/\.mdx$/, '')).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
      expect(n.length).toBeLessThanOrEqual(64);
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'con-eskalation.mdx',
        'nul-eskalation.mdx',
        'com1-eskalation.mdx',
        'ticket-inc7700003.mdx',
        'ticket-inc7700004.mdx',
      ]),
    );
    const phishing = [...r.drafts.values()].find((d) => d.includes('Phishing'))!;
    expect(phishing).toContain('title: Rechnung_Q4fdp.exe geöffnet');
    expect(r.written).not.toMatch(/[\u202a-\u202e\u200b-\u200f\u2066-\u2069]/);
    const long = [...r.drafts.entries()].find(([, d]) => d.includes('300 Zeichen'))!;
    expect(long[0]).toBe('sehr-langer-titel-ueber-laufwerke-und-drucker-ueber-laufwerk.mdx');
    expect(/^title: (.*)$/m.exec(long[1])![1]!.length).toBeLessThanOrEqual(140);
    expect(long[1]).toMatch(/^title: .*…$/m);
    // Every draft passes the article schema: titles padded to five characters.
    expect([...r.drafts.values()].find((d) => d.includes('Konsole'))).toContain('title: CON (INC7700000)');
  });

  it('reports a record it cannot draft instead of writing a file that breaks the build', async () => {
    const { draftProblem } = await import('../../src/lib/import/draft.ts');
    expect(draftProblem('---\ntitle: x\n---\n\nText\n', [])).toMatch(/^frontmatter /);
    const ok =
      '---\ntitle: Ein Titel\nsummary: Eine Zusammenfassung.\ntype: problem\ncategory: konto\naudience: second-level\nconfidence: wip\nowner: L2\ncreated: 2026-11-01\nreviewed: 2026-11-01\nlang: de\n---\n\n';
    expect(draftProblem(`${ok}Text\n`, [])).toBeUndefined();
    expect(draftProblem(`${ok}<script>alert(1)</script>\n`, [])).toMatch(/does not compile|renders/);
    expect(draftProblem(`${ok}[x](https://evil.example/)\n`, ['kb.muster.example'])).toMatch(/host that is not allowed/);
    expect(draftProblem(`${ok}{alert(1)}\n`, [])).toMatch(/MDX expression/);
  });
});

describe('drafts a person can finish', () => {
  it('turns entity soup, GLPI HTML-encoded cells and reply chains into readable Markdown', async () => {
    const glpi = `\uFEFF"ID";"Title";"Status";"Assigned to - Technician group";"Description";"Solution - Solution";\r\n"77";"Laufwerk S: fehlt nach Anmeldung";"Solved";"2nd Level Workplace";"&lt;p&gt;Hallo,&lt;/p&gt;&lt;p&gt;seit heute fehlt Laufwerk S: (&#92;&#92;srv-fs01&#92;abteilung) &amp;amp; der Fehler lautet 0x80070035.&lt;/p&gt;&lt;p&gt;&#45;&#45;&#45;&lt;br /&gt;Von: Anna Nowak&lt;br /&gt;Gesendet: Montag&lt;br /&gt;An: Servicedesk&lt;br /&gt;&#91;Name&#93; alte Nachricht&lt;/p&gt;";"&lt;ol&gt;&lt;li&gt;GPO-Zielgruppe geprüft&lt;/li&gt;&lt;li&gt;Gruppe GG-FS01-S ergänzt&lt;/li&gt;&lt;li&gt;gpupdate /force&lt;/li&gt;&lt;/ol&gt;";\r\n`;
    const r = await importFiles({ 'glpi.csv': glpi });
    const draft = only(r);
    const body = draft.split('\n---\n')[1]!;
    expect(body).not.toMatch(/&#\d+;|&lt;|&gt;|<p>|<br|&amp;amp;/);
    expect(body).toContain('seit heute fehlt Laufwerk S:');
    expect(body).not.toContain('Hallo');
    expect(body).not.toContain('alte Nachricht');
    expect(body).toMatch(/## Lösung\n\n1\. GPO-Zielgruppe geprüft\n2\. Gruppe GG-FS01-S ergänzt\n3\. gpupdate \/force/);
    expect(body).toMatch(/## Ursache\n\n\{\/\* Ursache eintragen/);
    expect(draft).not.toContain('Entwurf aus');
    expect(draft).toMatch(/summary: .*seit heute fehlt Laufwerk S:/);
  });

  it('drops signatures and keeps URLs as plain text unless their host is allowed; javascript: stays inert', async () => {
    const description =
      'Outlook zeigt beim Start einen Fehler, siehe https://evil.example/login?x=1 und https://learn.microsoft.com/de-de/outlook/troubleshoot und JaVaScRiPt:alert(1).\n\nMit freundlichen Grüßen\nErika Musterfrau\nBuchhaltung\nTel. 030 1234567';
    const r = await importFiles(
      { 'sn.csv': snCsv([{ short_description: 'Outlook zeigt Fehler beim Start', description }]) },
      { settings: { categoryKeywords: {}, linkHosts: ['learn.microsoft.com'] } },
    );
    const draft = only(r);
    expect(draft).toContain('`https://evil.example/login?x=1`');
    expect(draft).toContain(
      '[https://learn.microsoft.com/de-de/outlook/troubleshoot](https://learn.microsoft.com/de-de/outlook/troubleshoot)',
    );
    expect(draft).toContain('JaVaScRiPt&#58;alert(1)');
    expect(draft).not.toContain('Buchhaltung');
    expect(draft).not.toContain('Musterfrau');
  });
});

describe('drafts in the ticket’s language', () => {
  it('writes an English ticket to articles/en with English headings, a German one to articles/de', async () => {
    const r = await importFiles({
      'sn.csv': snCsv([
        {
          short_description: 'Shared mailbox is not visible in Outlook',
          description: 'The shared mailbox does not show up in Outlook after the migration, and it is not in the folder list.',
          close_notes: 'Automapping was off; re-added the permission with AutoMapping and restarted Outlook.',
        },
        {
          short_description: 'Freigegebenes Postfach fehlt in Outlook',
          description:
            'Das freigegebene Postfach wird in Outlook nicht angezeigt, seit der Umstellung ist es nicht mehr in der Ordnerliste.',
          close_notes: 'Berechtigung neu mit AutoMapping gesetzt und Outlook neu gestartet.',
        },
      ]),
    });
    const en = readFileSync(join(r.content, 'articles/en/shared-mailbox-is-not-visible-in-outlook.mdx'), 'utf8');
    expect(en).toContain('lang: en');
    expect(en).toMatch(/## Issue[\s\S]*## Environment[\s\S]*## Cause[\s\S]*## Resolution/);
    expect(readFileSync(join(r.content, 'articles/de/freigegebenes-postfach-fehlt-in-outlook.mdx'), 'utf8')).toContain('lang: de');
    expect(r.drafts.size).toBe(2);
  });
});

describe('messages that point the right way', () => {
  it('reads a ServiceNow export with (German) display labels instead of field names', async () => {
    const csv =
      '"Nummer","Kurzbeschreibung","Beschreibung","Status","Abschlussnotizen","Zuweisungsgruppe","Anrufer"\r\n"INC5","Teams-Hintergrund lässt sich nicht ändern","Kein Upload möglich.","Gelöst","Richtlinie auf AllFilters geändert.","L2 Messaging","Mia Wagner"\r\n';
    const notes: string[] = [];
    const r = await importFiles({ 'labels.csv': csv }, { onFormat: (_f, format, _d, note) => notes.push(`${format}: ${note}`) });
    expect(notes[0]).toMatch(/^servicenow: display labels mapped to field names \(7 columns\)/);
    expect(only(r)).toContain('Richtlinie auf AllFilters geändert');
  });

  it('names encoding and delimiter when required columns are missing', async () => {
    const r = await importFiles({ 'jira.csv': '"Summary";"Issue key";"Status"\r\n"VPN";"ITSD-1";"Done"\r\n' }, { format: 'jira' });
    expect(r.result.records[0]!.reason).toBe(
      'missing required column: Status Category (read as utf-8, delimiter semicolon (;), 3 columns)',
    );
  });

  it('lists skip and reject reasons with counts, and writes paths relative to the KB', () => {
    const dir = tempDir('import-why');
    const content = join(dir, 'content');
    cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
    const file = join(dir, 'sn.csv');
    writeFileSync(
      file,
      snCsv([
        { state: 'In Progress' },
        { state: 'In Progress' },
        { short_description: 'Monitor flackert an der Dockingstation', description: 'Dell U2723QE flackert am Dock.' },
      ]),
    );
    const r = spawnSync(process.execPath, ['scripts/kb.ts', 'import', file, '--content', content], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KB_TODAY: '2026-11-27' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('     2 × skipped: state "In Progress" is not resolved');
    expect(r.stdout).toContain(`  wrote ${join(content, 'articles/de/monitor-flackert-an-der-dockingstation.mdx')}`);
    expect(r.stdout).toContain(`  wrote ${join(content, 'escalations/links.json')}`);
  });

  it('reports a corrupt state file with its path and what to do, and writes nothing', async () => {
    const dir = tempDir('import-why');
    const content = join(dir, 'content');
    cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
    mkdirSync(join(content, 'escalations'));
    const links = join(content, 'escalations/links.json');
    writeFileSync(links, '{"servicenow:INC1": {"article": "x", "outcome": "maybe", "category": "", "month": "2026-11", "known": true}}');
    const file = join(dir, 'sn.csv');
    writeFileSync(file, snCsv([{ short_description: 'Monitor flackert an der Dockingstation' }]));
    const o = {
      files: [file],
      contentRoot: content,
      kb: readKb(content, config),
      dryRun: false,
      today: new Date('2026-11-27'),
      locale: 'de' as const,
    };
    await expect(runImport(o)).rejects.toThrow(`${links} is corrupt: servicenow:INC1.outcome:`);
    await expect(runImport(o)).rejects.toThrow('restore it from version control');
    writeFileSync(join(content, 'escalations/drafts.json'), '{not json');
    writeFileSync(links, '{}');
    await expect(runImport(o)).rejects.toThrow(/drafts\.json is not valid JSON/);
    expect(readdirSync(join(content, 'articles/de')).some((f) => f.startsWith('monitor'))).toBe(false);
    expect(statSync(links).size).toBe(2);
  });
});

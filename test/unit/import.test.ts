import { describe, expect, it } from 'vitest';
import { htmlToText, jiraToText, markdownLine, redact } from '../../src/lib/import/text.ts';
import { DEFAULT_TEAM_PATTERN, parseDate } from '../../src/lib/import/adapters/index.ts';
import { parseJournal } from '../../src/lib/import/adapters/servicenow.ts';
import { parseJiraComment } from '../../src/lib/import/adapters/jira.ts';
import { detectDelimiter, detectEncoding } from '../../src/lib/import/read.ts';

describe('redaction', () => {
  const r = (s: string, names: string[] = []) => redact(s, { names });

  it('replaces e-mail addresses, phone numbers and the names of the record’s people', () => {
    expect(r('Max Mustermann (max.mustermann@muster.example, +49 30 1234 5678) – Rückruf bei Mustermann, Max.', ['Max Mustermann'])).toBe(
      '[Name] ([E-Mail], [Telefon]) – Rückruf bei [Name].',
    );
    expect(r('Durchwahl 0221 98765432.')).toBe('Durchwahl [Telefon].');
    expect(r('Intern -4444, Build 10.0.22631.4460, Fehler 0x80070005')).toBe('Intern -4444, Build 10.0.22631.4460, Fehler 0x80070005');
  });

  it('removes passwords, tokens and BitLocker recovery keys', () => {
    expect(r('Temporäres Passwort: Sommer2026! gesetzt')).toBe('Temporäres Passwort: [Geheimnis] gesetzt');
    expect(r('password=hunter2 and token: abc')).toBe('password=[Geheimnis] and token: [Geheimnis]');
    expect(r('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig')).toBe('Authorization: Bearer [Geheimnis]');
    expect(r('Schlüssel 123456-234567-345678-456789-567890-678901-789012-890123')).toBe('Schlüssel [Geheimnis]');
    expect(r('client secret ab12cd34ef56ab12cd34ef56ab12cd34ef56')).toBe('client secret [Geheimnis]');
  });

  it('redacts names by context in everyday phrasing, and leaves capitalised German nouns alone', () => {
    const cases: [string, string][] = [
      ['Gruß aus Hamburg\nSebastian', 'Gruß aus Hamburg\n[Name]'],
      ['i.A. Sabine Meier', 'i.A. [Name]'],
      ['Thx, Tom', 'Thx, [Name]'],
      ['Danke Jens!', 'Danke [Name]!'],
      ['Hey Mike - thanks', 'Hey [Name] - thanks'],
      ["Kind regards, Dr. Anne-Marie O'Neill", 'Kind regards, [Name]'],
      ['Telefonat mit Lisa Brenner wegen Drucker', 'Telefonat mit [Name] wegen Drucker'],
      ['Spoke to Olivia, she confirmed.', 'Spoke to [Name], she confirmed.'],
      ['The user, Emily Clarke, cannot log in', 'The user, [Name], cannot log in'],
      ['Name: Laura Becker', 'Name: [Name]'],
      ['@Stefan bitte prüfen, cc @stefan.mueller', '[Name] bitte prüfen, cc [Kennung]'],
      ['Ich bin unter +49 (0)171 / 123 45 67 erreichbar', 'Ich bin unter [Telefon] erreichbar'],
      ['Geburtsdatum 12.03.1985', 'Geburtsdatum [Geburtsdatum]'],
    ];
    for (const [input, out] of cases) expect(r(input), input).toBe(out);
    for (const keep of [
      'Moin Moin,',
      'Rücksprache mit Netzwerkteam gehalten',
      'Termin mit Lieferant vereinbart',
      'Mail an Servicedesk geschickt',
      'Windows Hello for Business PIN reset',
      'Outlook Version 2409 Build 18025.20160',
      'Drucker HP-4OG-02 (10.1.2.3), Treiber 7.0.1',
      'Das Passwort ist abgelaufen, Konto gesperrt.',
    ]) {
      expect(r(keep), keep).toBe(keep);
    }
  });

  it('redacts a field name alone only when it is capitalised: "ich weiß" and "will" stay', () => {
    const names = ['Jürgen Weiß', 'Will Turner', 'Max Koch'];
    expect(r('Ich weiß nicht, warum. Herr Weiß meint, WEISS sei falsch.', names)).toBe(
      'Ich weiß nicht, warum. [Name] meint, [Name] sei falsch.',
    );
    expect(r('It will work; Will confirmed. max. 5 Versuche, koch ist ein Wort.', names)).toBe(
      'It will work; [Name] confirmed. max. 5 Versuche, koch ist ein Wort.',
    );
    expect(r('Rückruf bei weiss, jürgen', names)).toBe('Rückruf bei [Name]');
  });

  it('removes Jira account ids', () => {
    expect(r('Betrifft [~accountid:557058:f1e2d3c4-aaaa-bbbb-cccc-1234567890ab] und 5b10ac8d82e05b22cc7d4ef5')).toBe(
      'Betrifft [Name] und [Name]',
    );
  });
});

describe('literal MDX', () => {
  it('escapes everything MDX would interpret', () => {
    const hostile = [
      '{process.exit(1)}',
      '<script>alert(1)</script>',
      'import fs from "fs"',
      'export const x = 1',
      '```',
      '---',
      '# heading',
      '> quote',
      '[x](javascript:alert(1))',
      '<!-- c',
      '1. list',
    ];
    const out = hostile.map((l) => markdownLine(l, { linkHosts: [] }));
    for (const l of out) expect(l).not.toMatch(/(?<!\\)[{}<`[\]]/);
    expect(out.every((l) => !/^(import|export|#|>|-|\d+\.)/.test(l))).toBe(true);
    expect(out.join('\n')).toContain('javascript&#58;');
  });
});

describe('ticket formats', () => {
  it('parses ServiceNow journals newest first', () => {
    const j = parseJournal(
      '2026-11-04 15:20:11 - Jonas Becker (Work notes)\nZweite Notiz\nmehrzeilig\n\n2026-11-03 09:30:00 - Jonas Becker (Additional comments)\nErste',
    );
    expect(j.map((e) => [e.when, e.author, e.kind, e.text])).toEqual([
      ['2026-11-04 15:20:11', 'Jonas Becker', 'Work notes', 'Zweite Notiz\nmehrzeilig'],
      ['2026-11-03 09:30:00', 'Jonas Becker', 'Additional comments', 'Erste'],
    ]);
  });

  it('splits Jira comment cells on the first two semicolons only', () => {
    expect(parseJiraComment('12/Nov/26 2:10 PM;5b10ac8d;Gelöscht; danach ok; fertig')).toEqual({
      when: '12/Nov/26 2:10 PM',
      author: '5b10ac8d',
      body: 'Gelöscht; danach ok; fertig',
    });
  });

  it('reads the date formats of the tools', () => {
    expect(parseDate('2026-11-03 14:22:10')?.toISOString()).toBe('2026-11-03T14:22:10.000Z');
    expect(parseDate('12/Nov/26 2:15 PM')?.toISOString()).toBe('2026-11-12T14:15:00.000Z');
    expect(parseDate('05.11.2026 14:00')?.toISOString()).toBe('2026-11-05T14:00:00.000Z');
    expect(parseDate('bald')).toBeUndefined();
  });

  it('recognises second- and third-level teams', () => {
    for (const t of ['L2 Workplace', 'Level 2', '2nd Level Support', 'Second Level', '3rd-Level Infrastructure', 'IT L3', 'Zweiter Level'])
      expect(t).toMatch(DEFAULT_TEAM_PATTERN);
    for (const t of ['Service Desk', '1st Level', 'Users', 'L1', 'Workplace 2026']) expect(t).not.toMatch(DEFAULT_TEAM_PATTERN);
  });

  it('turns HTML and Jira markup into text', () => {
    expect(htmlToText('<div>Hallo,<br>OneDrive meldet <b>Fehler</b> &quot;x&quot; &#8364;</div><script>alert(1)</script>')).toBe(
      'Hallo,\nOneDrive meldet Fehler "x" €',
    );
    expect(jiraToText('Outlook zeigt *ständig* die Abfrage.\n{code}\ncmdkey /list\n{code}')).toBe(
      'Outlook zeigt ständig die Abfrage.\n\u0001cmdkey /list\u0002',
    );
  });

  it('detects encodings and delimiters of German Excel exports', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Lösung', 'latin1'))).toBe('windows-1252');
    expect(detectEncoding(Buffer.from('Lösung', 'utf8'))).toBe('utf-8');
    expect(detectDelimiter('"ID";"Title";"Status";')).toBe(';');
    expect(detectDelimiter('number,short_description,state')).toBe(',');
  });
});

describe('escalation insights', () => {
  it('dates the data by the newest imported record, not by the month or the run', async () => {
    const { insightsFrom } = await import('../../src/lib/import/run.ts');
    const insights = insightsFrom(
      {
        'jira:A-1': { article: 'a', outcome: 'drafted', category: 'drucken', month: '2026-10', resolved: '2026-10-30', known: false },
        'jira:A-2': { article: 'b', outcome: 'linked', category: 'drucken', month: '2026-11', resolved: '2026-11-27', known: true },
        'jira:A-3': { article: 'b', outcome: 'linked', category: 'konto', month: '2026-11', known: true },
      },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(insights.latest).toBe('2026-11-27');
    expect(insights.byCategoryMonth.find((r) => r.category === 'drucken' && r.month === '2026-11')).toMatchObject({
      total: 1,
      known: 1,
      new: 0,
    });
  });
});

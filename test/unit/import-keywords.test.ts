/**
 * Search-term proposals from linked tickets: counted across imports, readable only once two
 * tickets used a word, never a word of a single ticket or a redaction placeholder, accepted into
 * the article's frontmatter by `kb keywords accept` and forgotten by `dismiss`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptCommand, countTicket, keywordCommand, openProposals, withKeywords, wordHash } from '../../src/lib/import/keywords.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { readKb } from '../../src/lib/kb-files.ts';
import { keywordStateSchema, type KeywordState } from '../../src/schemas/escalation.ts';
import config from '../../kb.config.ts';
import { tempDir } from '../helpers/build.ts';

/** The articles by id, as openProposals looks them up. */
const lookup =
  (...list: { id: string; text: string }[]) =>
  (id: string) =>
    list.find((a) => a.id === id);
const article = { id: 'druckauftrag-haengt', text: 'Druckauftrag hängt in der Warteschlange. Spooler neu starten.' };

describe('keyword proposals', () => {
  it('keeps a word only as a hash until a second ticket uses it', () => {
    const state: KeywordState = {};
    countTicket(state, article, 'Rechner druckt nicht, Ausdruck klemmt bei Kowalczyk');
    expect(JSON.stringify(state)).not.toMatch(/rechner|ausdruck|klemmt|kowalczyk/i);
    expect(state[article.id]!.pending[wordHash(article.id, 'rechner')]).toBe(1);
    countTicket(state, article, 'Rechner: Ausdruck kommt nicht raus');
    expect(state[article.id]!.terms).toEqual({ rechner: 2, ausdruck: 2 });
    // A third ticket counts on; the single-ticket words stay unreadable.
    countTicket(state, article, 'rechner hängt');
    expect(state[article.id]!.terms.rechner).toBe(3);
    expect(JSON.stringify(state)).not.toMatch(/kowalczyk|klemmt|raus/i);
    expect(keywordStateSchema.safeParse(state).success).toBe(true);
  });

  it('proposes no filler, no redaction placeholder and nothing the article already says', () => {
    const state: KeywordState = {};
    for (const d of ['[Name] meldet: Warteschlange voll, Druckjob weg', 'Druckjob weg bei [Name] [Telefon]', 'bitte Druckjob löschen'])
      countTicket(state, article, d);
    expect(openProposals(state, lookup(article))).toEqual([{ article: article.id, terms: [{ term: 'druckjob', tickets: 3 }] }]);
    // Once accepted (in the article's keywords), the proposal is gone by itself.
    expect(openProposals(state, lookup({ ...article, text: `${article.text}\nDruckjob` }))).toEqual([]);
    // An article that no longer exists proposes nothing.
    expect(openProposals(state, lookup())).toEqual([]);
  });

  it('adds accepted terms to the frontmatter without touching anything else, once', () => {
    const source = '---\ntitle: "Druckauftrag hängt"\n# a comment\ntags: [drucker]\n---\n\n## Problem\n';
    const once = withKeywords(source, ['druckjob', 'Ausdruck hängt']);
    expect(once).toContain('# a comment');
    expect(once).toMatch(/keywords:[\s\S]*druckjob[\s\S]*Ausdruck hängt/);
    expect(once.endsWith('\n## Problem\n')).toBe(true);
    expect(withKeywords(once, ['DRUCKJOB'])).toBe(once);
  });

  it('quotes a term for the shell so a hostile one stays one argument', () => {
    expect(acceptCommand('x', ['druckjob', "a'b; rm -rf /"])).toBe(`npm run kb -- keywords accept x druckjob 'a'\\''b; rm -rf /'`);
  });

  it('dismisses a term for good and reports terms that were never proposed', () => {
    const state: KeywordState = { [article.id]: { terms: { druckjob: 2, rechner: 4 }, pending: {}, dismissed: [] } };
    const result = keywordCommand(
      state,
      '/tmp/k.json',
      [{ ...article, file: 'a.mdx', source: '' }],
      ['dismiss', article.id, 'rechner', 'foo'],
    );
    expect(result.lines).toEqual([`dismissed for ${article.id}: rechner`, `not proposed for ${article.id}: foo`]);
    countTicket(state, article, 'Rechner Druckjob');
    countTicket(state, article, 'Rechner Druckjob');
    expect(openProposals(state, lookup(article))[0]!.terms).toEqual([{ term: 'druckjob', tickets: 4 }]);
    expect(keywordCommand(state, '', [], ['accept', 'nope', 'x']).status).toBe(2);
  });
});

describe('kb import and kb keywords', () => {
  it('proposes the words of linked tickets, lists them, and accepts one into the article', async () => {
    const content = join(tempDir('keywords'), 'content');
    cpSync('test/fixtures/content', content, { recursive: true });
    const header =
      '"number","short_description","description","state","close_code","close_notes","category","subcategory","assignment_group","priority","opened_at","resolved_at","caller_id","assigned_to","resolved_by","reassignment_count","work_notes","comments"';
    const row = (n: number, title: string, caller: string) =>
      `"INC00${n}","${title}","Der Druckauftrag hängt in der Warteschlange und lässt sich nicht löschen. Spooler neu gestartet hilft nicht.","Resolved","Solved (Permanently)","Spooler gestoppt, C:\\Windows\\System32\\spool\\PRINTERS geleert, Spooler gestartet.","Hardware","Printer","L2 Workplace","3 - Moderate","2026-10-01 08:12:00","2026-10-02 10:00:00","${caller}","Jonas Becker","Jonas Becker","1","",""`;
    const csv = join(content, '..', 'tickets.csv');
    writeFileSync(
      csv,
      [
        header,
        row(90001, 'Druckauftrag hängt, Ausdruck bleibt stecken', 'Agnieszka Kowalczyk'),
        row(90002, 'Ausdruck bleibt in der Warteschlange stecken', 'Jürgen Weiß'),
        row(90003, 'Warteschlange hängt - Kowalczyk fragt nach', 'Agnieszka Kowalczyk'),
      ].join('\n'),
    );
    const kb = readKb(content, config);
    const result = await runImport({ files: [csv], contentRoot: content, kb, today: new Date('2026-11-27'), locale: 'de', dryRun: false });
    expect(result.summary.linked).toBe(3);
    expect(result.proposals).toEqual([
      {
        article: 'druckauftrag-haengt',
        terms: [
          { term: 'ausdruck', tickets: 2 },
          { term: 'stecken', tickets: 2 },
        ],
      },
    ]);
    const file = readFileSync(join(content, 'escalations/keywords.json'), 'utf8');
    // The caller's name is redacted before counting; no single-ticket word in plain text.
    expect(file).not.toMatch(/kowalczyk|weiß|weiss|fragt/i);
    // Importing the same export again counts nothing twice.
    await runImport({
      files: [csv],
      contentRoot: content,
      kb: readKb(content, config),
      today: new Date('2026-11-27'),
      locale: 'de',
      dryRun: false,
    });
    expect(readFileSync(join(content, 'escalations/keywords.json'), 'utf8')).toBe(file);

    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/kb.ts', 'keywords', ...args, '--content', content], { encoding: 'utf8' });
    const list = cli();
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('druckauftrag-haengt: ausdruck (2), stecken (2)');
    expect(list.stdout).toContain('npm run kb -- keywords accept druckauftrag-haengt ausdruck stecken');
    const accepted = cli('accept', 'druckauftrag-haengt', 'ausdruck');
    expect(accepted.status, accepted.stderr).toBe(0);
    const articleFile = readKb(content, config).articles.find((a) => a.id === 'druckauftrag-haengt')!;
    expect(articleFile.data.keywords).toContain('ausdruck');
    expect(readKb(content, config).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(cli().stdout).toContain('druckauftrag-haengt: stecken (2)');
  });
});

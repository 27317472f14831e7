/**
 * Drafts: hostile ticket text rendered both ways — as MDX (how the site builds drafts) and as plain
 * Markdown (how an editor preview or another tool shows the file) with the site's compiler — stays
 * text; readable structure (steps, lists, code) comes through; escaping is minimal.
 */
import { markdownToHtml, mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { draftArticle, draftProblem, draftSummary } from '../../src/lib/import/draft.ts';
import { cleanTicketText, htmlToText, isThanks, jiraToText, toMarkdown } from '../../src/lib/import/text.ts';
import type { DraftTicket } from '../../src/schemas/escalation.ts';

const HOSTILE = [
  '{process.exit(1)}',
  '<script>alert("xss")</script>',
  'import fs from "fs"',
  'export const x = 1',
  '```js',
  '<!-- comment',
  '---',
  'title: pwned',
  '# heading',
  '> quote',
  '1. not a list',
  '[Klick](javascript:alert(1)) [x](JAVASCRIPT:alert(2)) <a href="data:text/html,hi">d</a>',
  '<img src=x onerror=alert(3)>',
  '![bild](https://evil.example/x.png)',
  'https://evil.example/phish and www.evil.example',
  '&lt;b&gt;fett&lt;/b&gt; &#60;i&#62; \\{x\\} C:\\Temp\\ \\\\srv-fs01\\share',
  '<b>fett</b> *stern* _unter_ ~~durch~~ | a | b |',
  '$$ x $$ {{ y }} <Comp />',
].join('\n');

interface Node {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}
function walk(n: Node, f: (n: Node) => void) {
  f(n);
  for (const c of n.children ?? []) walk(c, f);
}
const textOf = (n: Node): string => (n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(textOf).join(''));

describe('hostile text in a draft is inert both ways', () => {
  const md = toMarkdown(HOSTILE, { linkHosts: [] });

  it('as MDX: only paragraphs, text and code; every line shows as typed', () => {
    const tree = mdxToHast(md) as unknown as Node;
    const kinds = new Set<string>();
    walk(tree, (n) => kinds.add(n.type === 'element' ? n.tagName! : n.type));
    expect([...kinds].sort()).toEqual(['br', 'code', 'p', 'root', 'text']);
    const text = textOf(tree);
    for (const line of HOSTILE.split('\n')) expect(text).toContain(line.replace(/\\\\/g, '\\').slice(0, 12).replace(/\\\\/g, '\\'));
    expect(text).toContain('<script>alert("xss")</script>');
    expect(text).toContain('[Klick](javascript:alert(1))');
    expect(text).toContain('&lt;b&gt;fett&lt;/b&gt; &#60;i&#62; \\{x\\} C:\\Temp\\ \\\\srv-fs01\\share');
  });

  it('as plain Markdown: no element beyond p/br/code, no link, no image, no raw HTML', () => {
    const { html } = markdownToHtml(md) as { html: string };
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['br', 'code', 'p']);
    expect(html).not.toMatch(/<script|<img\s|<b>|<a\s/i);
    expect(html).toContain('&lt;script&gt;alert(');
  });

  it('keeps the source readable: only what MDX needs is escaped', () => {
    expect(toMarkdown('Fehler 0x80070005 in MicrosoftOffice16_Data:SSPI, Version 16.0.17928 (Build 2024).', { linkHosts: [] })).toBe(
      'Fehler 0x80070005 in MicrosoftOffice16_Data:SSPI, Version 16.0.17928 (Build 2024).',
    );
    expect(toMarkdown('Nutze `cmdkey /list` oder https://learn.microsoft.com/x', { linkHosts: ['microsoft.com'] })).toBe(
      'Nutze \\`cmdkey /list\\` oder [https://learn.microsoft.com/x](https://learn.microsoft.com/x)',
    );
  });
});

describe('readable drafts', () => {
  const ticket = (o: Partial<DraftTicket>): DraftTicket => ({
    system: 'servicenow',
    id: 'INC1',
    title: 'Laufwerk S: fehlt nach der Anmeldung',
    problem: '',
    environment: [],
    cause: '',
    resolution: 'x',
    category: '',
    team: 'L2 Workplace',
    resolvedAt: '2026-11-04T15:30:00.000Z',
    ...o,
  });

  it('writes steps as a numbered list, an empty Ursache section, a summary for the article, and passes the real schema', () => {
    const text = draftArticle(
      [
        ticket({
          problem: 'Hallo zusammen,\n\nseit heute fehlt Laufwerk S: nach der Anmeldung.\n\nViele Grüße\n[Name]\nBuchhaltung',
          resolution: 'GPO-Zielgruppe geprüft\nGruppe GG-FS01-S ergänzt\ngpupdate /force ausgeführt',
        }),
      ],
      'arbeitsplatz',
      'de',
      { linkHosts: [] },
    );
    expect(text).toContain('## Problem\n\nseit heute fehlt Laufwerk S: nach der Anmeldung.\n\n## Umgebung');
    expect(text).toContain(
      '## Ursache\n\n{/* Ursache eintragen, sobald sie bekannt ist. */}\n\n## Lösung\n\n1. GPO-Zielgruppe geprüft\n2. Gruppe GG-FS01-S ergänzt\n3. gpupdate /force ausgeführt',
    );
    expect(text).toMatch(/^summary: "?seit heute fehlt Laufwerk S: nach der Anmeldung\. Lösung: GPO-Zielgruppe/m);
    expect(text).not.toContain('Buchhaltung');
    expect(draftProblem(text, [])).toBeUndefined();
  });

  it('writes English drafts with English headings and summary', () => {
    const text = draftArticle(
      [
        ticket({
          title: 'Printer prints blank pages',
          problem: 'Hi there,\nthe printer prints blank pages.\nCheers,\nTom',
          resolution: 'Replaced the toner.',
        }),
      ],
      'drucken',
      'en',
      { linkHosts: [] },
    );
    expect(text).toContain('## Issue\n\nthe printer prints blank pages.');
    expect(text).toContain('## Cause');
    expect(text).toMatch(/summary: "?the printer prints blank pages\. Fix: Replaced the toner\./);
    expect(draftProblem(text, [])).toBeUndefined();
  });

  it('converts HTML, GLPI-encoded HTML, Jira and Zammad markup to text with structure', () => {
    expect(htmlToText('<ol><li>Eins</li><li>Zwei <code>x &lt; y</code></li></ol><p>Ende&nbsp;gut</p>')).toBe(
      '1. Eins\n2. Zwei \u0001x < y\u0002\n\nEnde gut',
    );
    expect(htmlToText('&lt;p&gt;A &amp;amp; B&lt;/p&gt;&lt;ul&gt;&lt;li&gt;x&lt;/li&gt;&lt;/ul&gt;')).toBe('A & B\n\n- x');
    expect(htmlToText('<div>Neu</div><blockquote>Am Montag schrieb X: alt</blockquote>')).toBe('Neu');
    expect(jiraToText('# Schritt eins\n# Schritt zwei\n{{gpupdate}}')).toBe('1. Schritt eins\n1. Schritt zwei\n\u0001gpupdate\u0002');
  });

  it('drops quoted reply chains and signatures but keeps a forwarded body', () => {
    expect(
      cleanTicketText(
        'Drucker im 2. OG zeigt Fehler 49.4C02 nach dem Einschalten.\n\nAm 03.11.2026 um 10:00 schrieb Servicedesk:\n> Bitte Neustart\n> Gruß',
      ),
    ).toBe('Drucker im 2. OG zeigt Fehler 49.4C02 nach dem Einschalten.');
    expect(
      cleanTicketText(
        'Weitergeleitete Nachricht:\nVon: [Name]\nGesendet: Dienstag\nAn: Servicedesk\nBetreff: WLAN\n\nDer Laptop kommt nicht ins WLAN.',
      ),
    ).toBe('Der Laptop kommt nicht ins WLAN.');
    expect(cleanTicketText('Teams stürzt ab.\n-- \n[Name]\nVertrieb')).toBe('Teams stürzt ab.');
  });

  it('never takes a customer thanks as the resolution', () => {
    for (const t of ['Danke, geht wieder!', 'Vielen Dank [Name], läuft.', 'thanks, works now', 'Works now, thank you!', 'Passt, danke'])
      expect(isThanks(t), t).toBe(true);
    for (const t of ['Danke für den Hinweis: Treiber 31.0.101 zurückgerollt und Update blockiert.', 'Spooler neu gestartet'])
      expect(isThanks(t), t).toBe(false);
  });

  it('writes a summary, not "Entwurf aus 1 gelösten Eskalation"', () => {
    expect(
      draftSummary('VPN trennt', 'Das VPN trennt alle 10 Minuten. Anrufer [Name], Tel. [Telefon].', 'MTU auf 1400 gesetzt.', 'de'),
    ).toBe('Das VPN trennt alle 10 Minuten. Lösung: MTU auf 1400 gesetzt.');
  });
});

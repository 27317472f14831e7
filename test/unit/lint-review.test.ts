import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { articleSchema } from '../../src/schemas/index.ts';
import { parseEntryWith } from '../../src/lib/content-files.ts';
import type { DiskArticle } from '../../src/lib/kb-files.ts';
import { lintArticles, type LintOptions } from '../../src/lib/lint.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { reviewReport } from '../../src/lib/review.ts';

/** An article from frontmatter overrides and a body, as the CLI reads it from disk. */
function article(
  id: string,
  fm: Record<string, string> = {},
  body = '## Problem\n\nText.\n\n## Umgebung\n\nWindows 11.\n\n## Lösung\n\n1. Schritt.\n',
): DiskArticle {
  const fields = {
    title: '"Drucker druckt nach dem Update nicht mehr"',
    summary: '"Eine Zusammenfassung für den Test."',
    type: 'problem',
    category: 'drucken',
    audience: 'employee',
    confidence: 'validated',
    owner: 'L2 Workplace',
    created: '2025-01-01',
    reviewed: '2026-01-01',
    lang: 'de',
    ...fm,
  };
  const source = `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n${body}`;
  const file = `content/articles/${fields.lang}/${id}.mdx`;
  const r = parseEntryWith(file, source, articleSchema);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return { id, file, data: r.data, body: r.body, bodyLine: r.bodyLine, source };
}

const options: LintOptions = {
  allowedEmails: ['servicedesk@muster.example'],
  allowedPhones: ['+49 30 1234-4444'],
  treeIds: new Set(['kein-netzwerk']),
  categoryIds: new Set(['drucken']),
  tags: new Set(['vpn']),
};
const lint = (...articles: DiskArticle[]) => lintArticles(articles, options).map((p) => `${formatProblem(p)} [${p.rule}/${p.severity}]`);

describe('content lint', () => {
  it('passes a good article', () => {
    expect(lint(article('gut'))).toEqual([]);
  });

  it('requires the KCS sections', () => {
    expect(lint(article('a', {}, '## Problem\n\nx\n\n## Umgebung\n\ny\n'))).toEqual([
      'content/articles/de/a.mdx  ## Lösung: missing required section "## Lösung" [kcs-sections/error]',
    ]);
  });

  it('rejects generic titles and warns about very short ones', () => {
    expect(lint(article('a', { title: 'Fehler' }))).toEqual([
      `content/articles/de/a.mdx:2  title: "Fehler" is generic; describe the problem in the user's words [generic-title/error]`,
    ]);
    expect(lint(article('b', { title: 'Druckerprobleme allgemein' }))[0]).toMatch(
      /b\.mdx:2 {2}title: .* is very short.*\[generic-title\/warning\]/,
    );
  });

  it('requires listed error codes in the text', () => {
    expect(lint(article('a', { errorCodes: '["0x0000011b"]' }))).toEqual([
      'content/articles/de/a.mdx:12  errorCodes: "0x0000011b" is listed but does not appear in the text [error-code-in-body/error]',
    ]);
  });

  it('checks internal links with their line', () => {
    const body =
      '## Problem\n\nSiehe [A](/artikel/gut/), [B](/artikel/weg/), [C](/diagnose/kein-netzwerk/), [D](/tags/gibtsnicht/).\n\n## Umgebung\n\nx\n\n## Lösung\n\n[E](/artikel/english/)\n';
    expect(
      lint(
        article('gut'),
        article('english', { lang: 'en' }, '## Issue\n\nx\n\n## Environment\n\ny\n\n## Resolution\n\nz\n'),
        article('a', {}, body),
      ).filter((l) => l.includes('internal-link')),
    ).toEqual([
      'content/articles/de/a.mdx:15  link: /artikel/weg/: unknown article "weg" [internal-link/error]',
      'content/articles/de/a.mdx:15  link: /tags/gibtsnicht/: no article has the tag "gibtsnicht" [internal-link/error]',
      "content/articles/de/a.mdx:23  link: /artikel/english/: the article's URL is /en/articles/english/ [internal-link/error]",
    ]);
  });

  it('finds e-mail addresses and phone numbers in employee articles, but not the service desk or code', () => {
    const body =
      '## Problem\n\nSchreiben Sie an max.mustermann@muster.example oder rufen Sie 0171 2345678 an.\nServicedesk: servicedesk@muster.example, +49 30 1234-4444, intern `-4444`.\n\n```powershell\nSend-MailMessage -To admin@muster.example\n```\n\n## Umgebung\n\nx\n\n## Lösung\n\ny\n';
    expect(lint(article('a', {}, body))).toEqual([
      'content/articles/de/a.mdx:15  body: e-mail address "max.mustermann@muster.example" in an employee article [personal-data/error]',
      'content/articles/de/a.mdx:15  body: phone number "0171 2345678" in an employee article [personal-data/error]',
    ]);
    expect(lint(article('b', { audience: 'first-level' }, body))).toEqual([]);
  });

  it('warns about over-long articles', () => {
    const long = `## Problem\n\n${'Wort '.repeat(1600)}\n\n## Umgebung\n\nx\n\n## Lösung\n\ny\n`;
    expect(lint(article('a', {}, long))[0]).toMatch(/body: 16\d\d words \(more than 1500\).*\[too-long\/warning\]/);
  });

  it('warns about near-duplicate articles', () => {
    const body =
      '## Problem\n\nDer Druckauftrag hängt in der Warteschlange, der Spooler reagiert nicht.\n\n## Umgebung\n\nWindows 11 mit Druckserver.\n\n## Lösung\n\nSpooler neu starten: net stop spooler und net start spooler.\n';
    // Staff articles: the spooler commands would be an admin-command error in employee articles.
    const staff = { audience: 'first-level' };
    const problems = lint(
      article('eins', staff, body),
      article('zwei', staff, body),
      article('drei', { title: '"Outlook startet nicht mehr nach dem Update"' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /eins\.mdx {2}body: very similar to content\/articles\/de\/zwei\.mdx \(similarity 1\.00\).*\[near-duplicate\/warning\]/,
      ),
    ]);
  });

  it('lets the sample KB pass', () => {
    const r = spawnSync(process.execPath, ['scripts/kb.ts', 'lint', '--json'], { encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).errors).toBe(0);
  });
});

describe('review report', () => {
  const today = new Date('2026-11-27T10:00:00Z');
  const a = (id: string, owner: string, reviewBy: string, confidence = 'validated') => ({
    id,
    file: `${id}.mdx`,
    data: { title: id, owner, reviewBy: new Date(`${reviewBy}T00:00:00Z`), confidence },
  });

  it('groups overdue and soon-due articles by owner, most urgent first', () => {
    const groups = reviewReport(
      [
        a('ok', 'Team A', '2027-06-01'),
        a('soon', 'Team A', '2026-12-10'),
        a('late', 'Team B', '2026-10-01'),
        a('old', 'Team B', '2025-01-01', 'archived'),
        a('later', 'Team B', '2026-11-20'),
      ],
      today,
    );
    expect(groups.map((g) => [g.owner, g.items.map((i) => `${i.id}:${i.state}:${i.days}`)])).toEqual([
      ['Team B', ['late:overdue:-57', 'later:overdue:-7']],
      ['Team A', ['soon:due-soon:13']],
    ]);
  });

  it('fails CI with --fail-on-overdue when something is overdue', () => {
    // The fixture KB, whose review dates do not change when the sample content is reviewed.
    const content = ['--content', 'test/fixtures/content'];
    const r = spawnSync(process.execPath, ['scripts/kb.ts', 'review', ...content, '--fail-on-overdue', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, KB_TODAY: '2026-11-27' },
    });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.overdue).toBe(1);
    expect(out.groups[0].items[0].id).toBe('druckauftrag-haengt');
    const ok = spawnSync(process.execPath, ['scripts/kb.ts', 'review', ...content, '--fail-on-overdue'], {
      encoding: 'utf8',
      env: { ...process.env, KB_TODAY: '2025-01-01' },
    });
    expect(ok.status).toBe(0);
  });
});

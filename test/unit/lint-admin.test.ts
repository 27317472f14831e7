/**
 * The admin-command lint rule: commands and "run as administrator" wording that only staff may use
 * are errors in text an employee can read, with file and line; <Internal> blocks, staff articles
 * and harmless user commands are fine. The sample KB passes.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { articleSchema } from '../../src/schemas/index.ts';
import { parseEntryWith } from '../../src/lib/content-files.ts';
import type { DiskArticle } from '../../src/lib/kb-files.ts';
import {
  findAdminCommands,
  internalHeadings,
  lintArticles,
  lintTraining,
  lintTrees,
  withoutInternal,
  type LintOptions,
} from '../../src/lib/lint.ts';
import { formatProblem } from '../../src/lib/problems.ts';

function article(id: string, body: string, audience = 'employee', lang = 'de'): DiskArticle {
  const source = [
    '---',
    'title: "Drucker druckt nach dem Update nicht mehr"',
    'summary: "Eine Zusammenfassung für den Test."',
    'type: problem',
    'category: drucken',
    `audience: ${audience}`,
    'confidence: validated',
    'owner: "L2 Workplace"',
    'created: 2025-01-01',
    'reviewed: 2026-01-01',
    `lang: ${lang}`,
    '---',
    body,
  ].join('\n');
  const file = `content/articles/${lang}/${id}.mdx`;
  const r = parseEntryWith(file, source, articleSchema);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return { id, file, data: r.data, body: r.body, bodyLine: r.bodyLine, source };
}

const options: LintOptions = {
  allowedEmails: [],
  allowedPhones: [],
  treeIds: new Set(),
  categoryIds: new Set(['drucken']),
  tags: new Set(),
};
const adminProblems = (...a: DiskArticle[]) =>
  lintArticles(a, options)
    .filter((p) => p.rule === 'admin-command')
    .map((p) => `${p.file}:${p.line} ${p.message}`);
const matches = (text: string) => findAdminCommands(text).map((h) => h.match);

const sections = (solution: string) => `## Problem\n\nText.\n\n## Umgebung\n\nWindows 11.\n\n## Lösung\n\n${solution}\n`;

describe('admin-command lint rule', () => {
  it('flags admin commands in an employee article with file and line, code blocks included', () => {
    const body = sections(
      '1. Öffnen Sie die Eingabeaufforderung als Administrator.\n2. Geben Sie ein:\n\n   ```cmd\n   manage-bde -protectors -get C:\n   ```\n\n3. Danach `Unlock-ADAccount -Identity mm` ausführen.',
    );
    const problems = adminProblems(article('a', body));
    // Body starts on file line 13; "## Lösung" is body line 9, the steps follow.
    expect(problems).toEqual([
      'content/articles/de/a.mdx:23 "run as administrator" instruction "Eingabeaufforderung als Administrator" in employee-visible text; put staff-only steps in <Internal> or raise the audience',
      'content/articles/de/a.mdx:27 BitLocker tool "manage-bde" in employee-visible text; put staff-only steps in <Internal> or raise the audience',
      'content/articles/de/a.mdx:30 Active Directory cmdlet "Unlock-ADAccount" in employee-visible text; put staff-only steps in <Internal> or raise the audience',
    ]);
    const lines = article('a', body).source.split('\n');
    expect(lines[22]).toContain('als Administrator');
    expect(lines[26]).toContain('manage-bde');
    expect(lines[29]).toContain('Unlock-ADAccount');
  });

  it('accepts the same steps inside <Internal>, also several blocks and one-liners', () => {
    const body = sections(
      '1. Starten Sie neu.\n\n<Internal>\n\nEingabeaufforderung als Administrator:\n\n```cmd\ntakeown /f C:\\Windows\\ServiceProfiles\\LocalService\\AppData\\Local\\Microsoft\\Ngc /r /d j\n```\n\n</Internal>\n\n2. Prüfen Sie.\n\n<Internal level="second-level">`Get-ADUser mm`</Internal>',
    );
    expect(adminProblems(article('a', body))).toEqual([]);
  });

  it('checks text after an <Internal> block again', () => {
    const body = sections('<Internal>\n\n`certutil -pulse`\n\n</Internal>\n\nDanach `reg add HKLM\\Software\\Muster /v X /d 1` ausführen.');
    expect(adminProblems(article('a', body))).toEqual([
      expect.stringMatching(/a\.mdx:29 registry tool "reg add"/),
      expect.stringMatching(/a\.mdx:29 registry path "HKLM\\"/),
    ]);
  });

  it('ignores staff articles', () => {
    const body = sections('```powershell\nGet-ADUser mm -Properties LockedOut\nmanage-bde -status C:\n```');
    expect(adminProblems(article('a', body, 'first-level'), article('b', body, 'second-level'))).toEqual([]);
    expect(adminProblems(article('c', body))).toHaveLength(2);
  });

  it('finds the general cases in both languages', () => {
    expect(matches('Set-ADUser mm -Enabled $true')).toEqual(['Set-ADUser']);
    expect(matches('Add-MailboxPermission -Identity x -User y')).toEqual(['Add-MailboxPermission']);
    expect(matches('Revoke-MgUserSignInSession -UserId x')).toEqual(['Revoke-MgUserSignInSession']);
    expect(matches('Suspend-BitLocker -MountPoint C: -RebootCount 1')).toEqual(['Suspend-BitLocker']);
    expect(matches('Set-ItemProperty HKLM:\\SOFTWARE\\Policies\\X -Name Y -Value 0')).toEqual(['Set-ItemProperty', 'HKLM:\\']);
    expect(matches('icacls C:\\Daten /grant Jeder:F')).toEqual(['icacls']);
    expect(matches('dsregcmd /leave')).toEqual(['dsregcmd /leave']);
    expect(matches('net user mm /domain')).toEqual(['net user']);
    expect(matches('net stop spooler')).toEqual(['net stop']);
    expect(matches('net use Z: /delete')).toEqual(['net use Z: /delete']);
    expect(matches('sc.exe config WSearch start= auto')).toEqual(['sc.exe config']);
    expect(matches('DISM /Online /Cleanup-Image /RestoreHealth')).toEqual(['DISM /Online']);
    expect(matches('del /q /f "%systemroot%\\System32\\spool\\PRINTERS\\*.*"')).toEqual(['del /q /f "%systemroot%']);
    expect(matches('Öffnen Sie regedit und gehen Sie zu HKEY_CURRENT_USER\\Software')).toEqual(['regedit', 'HKEY_CURRENT_USER']);
    expect(matches('Rechtsklick auf das Symbol > Als Administrator ausführen')).toEqual(['Als Administrator ausführen']);
    expect(matches('Open an elevated command prompt and run:')).toEqual(['elevated command prompt']);
    expect(matches('Right-click Windows Terminal and choose Run as administrator.')).toEqual(['Run as administrator']);
    expect(matches('Starten Sie PowerShell mit erhöhten Rechten.')).toEqual(['mit erhöhten Rechten']);
    expect(matches('Win+X > Terminal (Administrator) wählen')).toEqual(['Terminal (Administrator)']);
    expect(matches('Press Win+X and choose Terminal (Admin).')).toEqual(['Terminal (Admin)']);
  });

  it('leaves harmless user commands and mentions of admin rights alone', () => {
    const harmless = [
      'Drücken Sie `Win+R`, geben Sie `cmd` ein und dann `ipconfig /all` bzw. `ipconfig /flushdns`.',
      '```cmd\nhostname\nwhoami /upn\ndsregcmd /status\n```',
      '`%localappdata%\\Microsoft\\OneDrive\\onedrive.exe /reset`',
      'Teams läuft im Browser ohne Installation und ohne Administratorrechte.',
      'You need no admin rights for this. Ask the service desk if you are asked for an administrator.',
      'Netzwerk und Internet > VPN > Muster VPN > Verbinden; Get-Help ist harmlos, Get-Process auch.',
      'Im Netzlaufwerk `S:` den Ordner öffnen. Die Kabelverbindung wird net genannt.',
    ];
    for (const t of harmless) expect(matches(t), t).toEqual([]);
  });

  it('treats <Internal> inside code as text, as MDX does', () => {
    expect(matches('Schreiben Sie `<Internal>` um interne Schritte.\nDanach `manage-bde -status` ausführen.')).toEqual(['manage-bde']);
    expect(matches('```mdx\n<Internal>\n```\n\n`takeown /f x`')).toEqual(['takeown']);
    expect(matches('<Internal>\n\n```cmd\nrem </Internal> steht hier nur im Code\nicacls x\n```\n\n</Internal>')).toEqual([]);
    expect(matches('<Internal level="first-level" />\n`net user x`')).toEqual(['net user']);
  });

  it('blanks <Internal> blocks but keeps line numbers', () => {
    const text = 'a\n<Internal>\nGEHEIM\n</Internal>\nb <Internal>x</Internal> c';
    const out = withoutInternal(text);
    expect(out.split('\n')).toHaveLength(5);
    expect(out).not.toContain('GEHEIM');
    expect(out).not.toContain('x');
    expect(out).toMatch(/^a\n/);
    expect(out).toMatch(/b\s+c$/);
  });

  it('rejects "##" headings inside <Internal> (the table of contents would show them), in any audience', () => {
    const body = sections(
      'Schritt.\n\n<Internal>\n\n## Für den Servicedesk\n\n### Details\n\n```bash\n## kein Heading\n```\n\n</Internal>\n\n## Danach',
    );
    for (const audience of ['employee', 'first-level']) {
      const problems = lintArticles([article('a', body, audience)], options).filter((p) => p.rule === 'internal-heading');
      expect(problems.map((p) => p.line)).toEqual([27]);
    }
    expect(internalHeadings('## Sichtbar\n<Internal>\n### Intern\n</Internal>')).toEqual([]);
  });

  it('checks employee trees line by line and skips staff trees and YAML comments', () => {
    const source =
      '# Get-ADUser in a comment is fine\nid: t\naudience: employee\nnodes:\n  a:\n    type: question\n    help: |\n      Öffnen Sie `regedit`.\n';
    expect(lintTrees([{ file: 'content/trees/t.yaml', source, audience: 'employee' }]).map(formatProblem)).toEqual([
      'content/trees/t.yaml:8  nodes: registry tool "regedit" in employee-visible text; put staff-only steps in <Internal> or raise the audience',
    ]);
    expect(lintTrees([{ file: 'content/trees/t.yaml', source, audience: 'first-level' }])).toEqual([]);
  });

  it('checks employee training modules outside <Internal>', () => {
    const source =
      '---\ntitle: "Schulung"\naudience: employee\n---\n\n## Inhalte\n\n- `gpupdate /force` und `net user mm /domain`\n\n<Internal>\n\n`manage-bde -status`\n\n</Internal>\n';
    expect(lintTraining([{ file: 'content/training/s.mdx', source, audience: 'employee' }]).map(formatProblem)).toEqual([
      'content/training/s.mdx:8  body: account or service command "net user" in employee-visible text; put staff-only steps in <Internal> or raise the audience',
    ]);
    expect(lintTraining([{ file: 'content/training/s.mdx', source, audience: 'first-level' }])).toEqual([]);
  });

  it('lets the sample KB pass, trees and training included', () => {
    const r = spawnSync(process.execPath, ['scripts/kb.ts', 'lint', '--json'], { encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { errors: number; problems: { rule: string }[] };
    expect(out.problems.filter((p) => p.rule === 'admin-command')).toEqual([]);
    expect(r.status, r.stdout).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { treeSchema } from '../../src/schemas/tree.ts';
import { lintEmployeeTree } from '../../src/lib/tree-lint.ts';

const options = { teamNames: ['L2 Workplace'], teamEmails: ['l2-workplace@muster.example'] };
const tree = (audience: 'employee' | 'first-level', text: string, reason = 'Warteschlange am Druckserver PRINT01 hängt.') =>
  treeSchema.parse({
    id: 'drucker',
    title: 'Drucker druckt nicht',
    description: 'Fixture-Baum für die Lint-Regel der Mitarbeitenden-Bäume.',
    audience,
    category: 'drucken',
    version: '1.0',
    owner: 'L2 Workplace',
    lang: 'de',
    start: 'q',
    nodes: {
      q: {
        type: 'question',
        text,
        answers: [
          { label: 'Ja', next: 'esc' },
          { label: 'Nein', next: 'esc' },
        ],
      },
      esc: {
        type: 'escalate',
        level: 2,
        team: 'l2-workplace',
        priority: 'medium',
        reason,
        collect: [{ id: 'drucker', label: 'Druckername' }],
      },
    },
  });

describe('employee tree lint', () => {
  it('accepts employee text without internals and never looks at staff-only routing', () => {
    const t = tree('employee', 'Zeigt das Display eine Meldung?');
    expect(lintEmployeeTree(t, 'content/trees/drucker.yaml', '', options)).toEqual([]);
  });

  it.each([
    ['Steht der Drucker auf \\\\PRINT01\\Etage3 in der Liste?', 'UNC path'],
    ['Ist srv-print01.muster.local erreichbar?', 'internal host name'],
    ['Antwortet 10.20.30.40 auf Ping?', 'private IP address'],
    ['Hat L2 Workplace den Drucker schon geprüft?', 'team name'],
    ['Wurde das Ticket an Level 2 gegeben?', 'support level'],
    ['Läuft der Spooler auf PRINT01?', 'server name'],
  ])('flags %s as %s, with file and line', (text, what) => {
    const source = `nodes:\n  q:\n    type: question\n    text: "${text}"\n`;
    const problems = lintEmployeeTree(tree('employee', text), 'content/trees/drucker.yaml', source, options);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.message.includes(what))).toBe(true);
    expect(problems[0]).toMatchObject({ file: 'content/trees/drucker.yaml', field: 'nodes.q.text', line: 4, severity: 'error' });
  });

  it('leaves staff trees alone', () => {
    expect(lintEmployeeTree(tree('first-level', 'Läuft der Spooler auf PRINT01?'), 'f.yaml', '', options)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { treeSchema, type Tree } from '../../src/schemas/tree.ts';
import {
  buildHandoff,
  checkTrees,
  commonFields,
  handoffLines,
  parseEarlier,
  decodePath,
  encodePath,
  parseTreeMarker,
  walk,
  type ArticleFacts,
  type HandoffLabels,
  type TreeEntry,
} from '../../src/lib/trees.ts';
import { formatProblem } from '../../src/lib/problems.ts';

const base = {
  id: 'drucker',
  title: 'Drucker druckt nicht',
  description: 'Fixture-Baum für die Tests der Integritätsprüfung.',
  audience: 'first-level',
  category: 'drucken',
  version: '1.2',
  owner: 'L2 Workplace',
  lang: 'de',
  start: 'q1',
  nodes: {
    q1: {
      type: 'question',
      text: 'Druckt der Drucker gar nicht?',
      answers: [
        { label: 'Gar nicht', next: 'q2' },
        { label: 'Falsch', next: 'fix' },
      ],
    },
    q2: {
      type: 'question',
      text: 'Steht ein Auftrag in der Warteschlange?',
      answers: [
        { label: 'Ja', next: 'fix' },
        { label: 'Nein', next: 'esc' },
      ],
    },
    fix: { type: 'solved', text: 'Spooler neu starten.', article: 'druckauftrag-haengt', next: 'esc' },
    esc: {
      type: 'escalate',
      level: 2,
      team: 'l2-workplace',
      priority: 'high',
      reason: 'Warteschlange bleibt hängen.',
      collect: [
        { id: 'drucker', label: 'Druckername', required: true },
        { id: 'art', label: 'Verbindung', type: 'select', options: ['Druckserver', 'Direkt (IP)'], required: true },
        { id: 'mehrere', label: 'Mehrere Benutzer betroffen', type: 'checkbox' },
      ],
    },
    other: { type: 'tree', tree: 'netz' },
  },
};
const netz = {
  ...base,
  id: 'netz',
  start: 'a',
  nodes: {
    a: {
      type: 'question',
      text: 'Kabel?',
      answers: [
        { label: 'Ja', next: 'e' },
        { label: 'Nein', next: 'e' },
      ],
    },
    e: base.nodes.esc,
  },
};

/** A parsed tree from the fixture with a change applied to the raw object. */
function tree(change: (t: any) => void = () => {}): Tree {
  const raw = structuredClone(base) as any;
  raw.nodes.q2.answers.push({ label: 'Anderes', next: 'other' });
  change(raw);
  return treeSchema.parse(raw);
}
const articles = new Map<string, ArticleFacts>([
  ['druckauftrag-haengt', { title: 'Druckauftrag hängt', audience: 'first-level', confidence: 'validated' }],
  ['alt', { title: 'Alt', audience: 'employee', confidence: 'archived' }],
  ['neu', { title: 'Neu', audience: 'employee', confidence: 'wip' }],
]);
const teams = new Set(['l2-workplace']);
const check = (t: Tree, extra: TreeEntry[] = [{ tree: treeSchema.parse(netz), file: 'content/trees/netz.yaml' }]) =>
  checkTrees([{ tree: t, file: `content/trees/${t.id}.yaml` }, ...extra], articles, teams).map(formatProblem);

describe('tree integrity', () => {
  it('accepts a consistent tree', () => {
    expect(check(tree())).toEqual([]);
  });

  it('names file and node for an unknown next and an unknown start', () => {
    expect(check(tree((t) => (t.nodes.q1.answers[1].next = 'nix')))).toContain(
      'content/trees/drucker.yaml  nodes.q1.answers.1.next: unknown node "nix"',
    );
    expect(check(tree((t) => (t.start = 'anfang')))[0]).toBe('content/trees/drucker.yaml  start: unknown node "anfang"');
  });

  it('reports missing articles, trees and teams', () => {
    expect(check(tree((t) => (t.nodes.fix.article = 'weg')))).toEqual([
      'content/trees/drucker.yaml  nodes.fix.article: unknown article "weg"',
    ]);
    expect(check(tree((t) => (t.nodes.other.tree = 'gibtsnicht')))).toEqual([
      'content/trees/drucker.yaml  nodes.other.tree: unknown tree "gibtsnicht"',
    ]);
    expect(check(tree((t) => (t.nodes.esc.team = 'l9')))[0]).toMatch(/nodes\.esc\.team: unknown team "l9"/);
  });

  it('reports a cycle with its nodes', () => {
    const problems = check(tree((t) => (t.nodes.fix.next = 'q1')));
    expect(problems).toContain('content/trees/drucker.yaml  nodes.fix: cycle: q1 → q2 → fix → q1');
  });

  it('reports unreachable nodes', () => {
    expect(
      check(
        tree(
          (t) =>
            (t.nodes.lost = {
              type: 'question',
              text: 'Verwaist?',
              answers: [
                { label: 'a', next: 'esc' },
                { label: 'b', next: 'esc' },
              ],
            }),
        ),
      ),
    ).toEqual(['content/trees/drucker.yaml  nodes.lost: unreachable from start "q1"']);
  });

  it('reports nodes with no way to an end', () => {
    const problems = check(
      tree((t) => {
        t.nodes.q2.answers[1].next = 'loop1';
        t.nodes.loop1 = {
          type: 'question',
          text: 'Schleife 1?',
          answers: [
            { label: 'a', next: 'loop2' },
            { label: 'b', next: 'loop2' },
          ],
        };
        t.nodes.loop2 = {
          type: 'question',
          text: 'Schleife 2?',
          answers: [
            { label: 'a', next: 'loop1' },
            { label: 'b', next: 'loop1' },
          ],
        };
      }),
    );
    expect(problems).toContain('content/trees/drucker.yaml  nodes.loop1: no way from this node to an end (solved, escalate or tree)');
    expect(problems).toContain('content/trees/drucker.yaml  nodes.loop2: no way from this node to an end (solved, escalate or tree)');
  });

  it('reports duplicate tree ids, ids that do not match the file, and duplicate field ids', () => {
    const t = tree();
    expect(
      checkTrees(
        [
          { tree: t, file: 'content/trees/drucker.yaml' },
          { tree: t, file: 'content/trees/kopie.yaml' },
          { tree: treeSchema.parse(netz), file: 'content/trees/netz.yaml' },
        ],
        articles,
        teams,
      ).map(formatProblem),
    ).toEqual([
      'content/trees/kopie.yaml  id: duplicate tree id "drucker", also used by content/trees/drucker.yaml',
      'content/trees/kopie.yaml  id: is "drucker" but the file is named "kopie"; they must match',
    ]);
    expect(check(tree((t) => t.nodes.esc.collect.push({ id: 'drucker', label: 'Nochmal' })))).toEqual([
      'content/trees/drucker.yaml  nodes.esc.collect.3.id: duplicate field id "drucker"',
    ]);
  });

  it('rejects archived articles and warns about unvalidated ones', () => {
    expect(check(tree((t) => (t.nodes.fix.article = 'alt')))).toEqual([
      'content/trees/drucker.yaml  nodes.fix.article: article "alt" is archived; point to its replacement',
    ]);
    const problems = checkTrees(
      [
        { tree: tree((t) => (t.nodes.fix.article = 'neu')), file: 'content/trees/drucker.yaml' },
        { tree: treeSchema.parse(netz), file: 'content/trees/netz.yaml' },
      ],
      articles,
      teams,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'nodes.fix.article',
        message: 'article "neu" is not validated yet (confidence: wip)',
      }),
    ]);
  });

  it('keeps employee trees away from internal articles and internal trees', () => {
    const problems = check(tree((t) => (t.audience = 'employee')));
    expect(problems).toEqual([
      'content/trees/drucker.yaml  nodes.fix.article: employee tree points to "druckauftrag-haengt", whose audience is first-level',
      'content/trees/drucker.yaml  nodes.other.tree: employee tree hands over to "netz", whose audience is first-level',
    ]);
  });

  it('reports trees handing over in a circle', () => {
    const back = structuredClone(netz) as any;
    back.nodes.a.answers[1].next = 'zurueck';
    back.nodes.zurueck = { type: 'tree', tree: 'drucker' };
    const problems = check(tree(), [{ tree: treeSchema.parse(back), file: 'content/trees/netz.yaml' }]);
    expect(problems).toEqual(['content/trees/netz.yaml  nodes: trees hand over in a circle: drucker → netz → drucker']);
  });

  it('validates the file shape with zod, naming the node path', () => {
    const r = treeSchema.safeParse({
      ...base,
      nodes: { ...base.nodes, q1: { type: 'question', text: 'Nur eine Antwort?', answers: [{ label: 'a', next: 'q2' }] } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['nodes', 'q1', 'answers'], message: 'a question needs at least two answers' });
    const s = treeSchema.safeParse({
      ...base,
      nodes: { ...base.nodes, esc: { ...base.nodes.esc, collect: [{ id: 'x', label: 'X', type: 'select' }] } },
    });
    expect(s.error!.issues[0]).toMatchObject({ path: ['nodes', 'esc', 'collect', 0, 'options'], message: 'a select field needs options' });
  });
});

const labels: HandoffLabels = {
  heading: 'Eskalation',
  tree: 'Entscheidungsbaum',
  version: 'Version',
  target: 'An',
  level: 'Level',
  priority: 'Priorität',
  priorities: { low: 'Niedrig', medium: 'Mittel', high: 'Hoch', critical: 'Kritisch' },
  reason: 'Grund',
  steps: 'Bisherige Antworten',
  articlesTried: 'Versuchte Lösungen',
  notHelped: 'hat nicht geholfen',
  details: 'Angaben',
  yes: 'ja',
  empty: 'keine',
  subject: 'Eskalation aus der Diagnose',
  earlier: 'Vorher in „{title}“',
  otherLanguage: { de: '(Deutsch)', en: '(Englisch)' },
  employeeHeading: 'Meine Anfrage',
  employeeSubject: 'Anfrage an den Servicedesk',
  employeeSteps: 'Was ich geprüft habe',
};

describe('walking a tree', () => {
  it('replays answers and drops steps that do not fit', () => {
    const t = tree();
    expect(walk(t, decodePath('q1.0_q2.0_fix.1'))).toEqual({ current: 'esc', steps: decodePath('q1.0_q2.0_fix.1') });
    expect(walk(t, decodePath('q1.0_q2.9'))).toEqual({ current: 'q2', steps: [{ node: 'q1', choice: 0 }] });
    expect(walk(t, decodePath('q2.0'))).toEqual({ current: 'q1', steps: [] });
    expect(walk(t, decodePath('q1.0_q2.0_fix.0')).current).toBe('fix');
  });

  it('encodes paths for the URL and ignores garbage', () => {
    const steps = [
      { node: 'q1', choice: 0 },
      { node: 'fix', choice: 1 },
    ];
    expect(encodePath(steps)).toBe('q1.0_fix.1');
    expect(decodePath('q1.0_<script>.1_fix.1')).toEqual(steps);
  });
});

describe('escalation handoff summary', () => {
  const t = tree();
  const input = {
    tree: t,
    steps: decodePath('q1.0_q2.0_fix.1'),
    nodeId: 'esc',
    collected: { drucker: 'MFP-3OG-Nord', art: 'Druckserver', mehrere: true },
    articleTitles: new Map([['druckauftrag-haengt', 'Druckauftrag hängt']]),
    team: { name: 'L2 Workplace', email: 'l2-workplace@muster.example' },
    labels,
  };

  it('lists tree, target, answers, articles tried, captured fields and the marker on its own line', () => {
    const h = buildHandoff(input);
    expect(h.subject).toBe('Eskalation aus der Diagnose: Drucker druckt nicht');
    expect(h.missing).toEqual([]);
    expect(h.text).toBe(
      [
        'Eskalation: Drucker druckt nicht',
        'Entscheidungsbaum: Drucker druckt nicht (drucker), Version 1.2',
        'An: Level 2 – L2 Workplace <l2-workplace@muster.example>',
        'Priorität: Hoch',
        'Grund: Warteschlange bleibt hängen.',
        '',
        'Bisherige Antworten:',
        '- Druckt der Drucker gar nicht? → Gar nicht',
        '- Steht ein Auftrag in der Warteschlange? → Ja',
        '',
        'Versuchte Lösungen:',
        '- Druckauftrag hängt (druckauftrag-haengt): hat nicht geholfen',
        '',
        'Angaben:',
        '- Druckername: MFP-3OG-Nord',
        '- Verbindung: Druckserver',
        '- Mehrere Benutzer betroffen: ja',
        '',
        'kb-tree:drucker@1.2#esc',
      ].join('\n'),
    );
    expect(parseTreeMarker(`Ticket text\n${h.text}\nmore`)).toEqual({ tree: 'drucker', version: '1.2', node: 'esc' });
  });

  it('reports required fields that are still empty and writes only what was filled in', () => {
    const h = buildHandoff({ ...input, collected: { drucker: '  ', mehrere: false } });
    expect(h.missing.map((f) => f.id)).toEqual(['drucker', 'art']);
    expect(h.text).not.toContain('Druckername');
    // An unticked box is a question nobody answered, not a "no".
    expect(h.text).not.toContain('Mehrere Benutzer betroffen');
    expect(h.text).not.toContain('Angaben:');
  });

  it('lists only the suggestions that did not help, marking articles in another language', () => {
    const h = buildHandoff({ ...input, articleTitles: new Map([['druckauftrag-haengt', { title: 'Print job stuck', lang: 'en' }]]) });
    expect(h.text).toContain('- Print job stuck (Englisch) (druckauftrag-haengt): hat nicht geholfen');
  });

  it('puts the common fields (caller, callback, ticket) first and enforces the required ones', () => {
    const common = commonFields(
      { caller: 'required', callback: 'optional', ticket: 'off' },
      {
        caller: { label: 'Anrufer/in', hint: '' },
        callback: { label: 'Rückrufnummer', hint: '' },
        ticket: { label: 'Ticketnummer', hint: '' },
      },
      'staff',
    );
    expect(common.map((f) => f.id)).toEqual(['kb-caller', 'kb-callback']);
    const h = buildHandoff({ ...input, commonFields: common, collected: { ...input.collected, 'kb-callback': '+49 30 1234-5678' } });
    expect(h.missing.map((f) => f.id)).toEqual(['kb-caller']);
    expect(h.text).toContain('Angaben:\n- Rückrufnummer: +49 30 1234-5678\n- Druckername: MFP-3OG-Nord');
    // Employees are the caller: they are asked only for a callback number.
    expect(
      commonFields(
        { caller: 'required', callback: 'optional', ticket: 'required' },
        {
          caller: { label: 'a', hint: '' },
          callback: { label: 'b', hint: '' },
          ticket: { label: 'c', hint: '' },
        },
        'employee',
      ).map((f) => f.id),
    ).toEqual(['kb-callback']);
  });

  it('keeps the steps of an earlier tree that handed over, in order', () => {
    const netz = treeSchema.parse({
      ...base,
      id: 'netz',
      title: 'Kein Netzwerk',
      start: 'n1',
      nodes: {
        n1: {
          type: 'question',
          text: 'Geht das Internet?',
          answers: [
            { label: 'Ja', next: 'weiter' },
            { label: 'Nein', next: 'weiter' },
          ],
        },
        weiter: { type: 'tree', tree: 'drucker' },
      },
    });
    const earlier = handoffLines(netz, [{ node: 'n1', choice: 0 }], new Map(), labels);
    expect(earlier).toEqual({ title: 'Kein Netzwerk', answered: ['- Geht das Internet? → Ja'], tried: [] });
    const h = buildHandoff({ ...input, earlier: [earlier] });
    expect(h.text).toContain(
      'Bisherige Antworten:\nVorher in „Kein Netzwerk“:\n- Geht das Internet? → Ja\n- Druckt der Drucker gar nicht? → Gar nicht',
    );
    // What the next page reads back from session storage is checked field by field.
    expect(parseEarlier(JSON.stringify([earlier]))).toEqual([earlier]);
    expect(parseEarlier('{"title":1}')).toEqual([]);
    expect(parseEarlier('not json')).toEqual([]);
    expect(parseEarlier(JSON.stringify([{ title: 'x', answered: ['a', 5, { b: 1 }], tried: 'no', extra: '<script>' }]))).toEqual([
      { title: 'x', answered: ['a'], tried: [] },
    ]);
  });

  it('writes an employee request without routing, level, priority or reason', () => {
    const h = buildHandoff({ ...input, mode: 'employee' });
    expect(h.subject).toBe('Anfrage an den Servicedesk: Drucker druckt nicht');
    expect(h.text.split('\n').slice(0, 3)).toEqual(['Meine Anfrage: Drucker druckt nicht', '', 'Was ich geprüft habe:']);
    for (const internal of ['L2 Workplace', 'l2-workplace@', 'Level', 'Priorität', 'Hoch', 'Warteschlange bleibt hängen'])
      expect(h.text).not.toContain(internal);
    expect(h.text).toContain('kb-tree:drucker@1.2#esc');
  });

  it('refuses a node that is not an escalation', () => {
    expect(() => buildHandoff({ ...input, nodeId: 'q1' })).toThrow(/not an escalation/);
  });
});

describe('tree JSON Schema for editors', () => {
  it('is shipped up to date with the zod schema (regenerate with `npm run kb -- schemas`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { treeJsonSchema } = await import('../../src/lib/json-schema.ts');
    expect(readFileSync('public/schemas/tree.schema.json', 'utf8')).toBe(treeJsonSchema());
  });
});

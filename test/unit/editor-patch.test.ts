/**
 * Minimal-diff saves (src/lib/editor/patch.ts) on every sample article and training module:
 * unchanged data gives the identical bytes; changing one field changes only that field's lines;
 * cancelling or adding a session touches only that session; the result still validates.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument, isMap, type Pair, type Node } from 'yaml';
import { listFiles, parseEntryWith } from '../../src/lib/content-files.ts';
import { patchYaml, readEntry, writeEntry } from '../../src/lib/editor/patch.ts';
import { articleSchema, trainingSchema } from '../../src/schemas/index.ts';

const ARTICLES = [...listFiles('content/articles', ['.mdx']), ...listFiles('test/fixtures/content/articles', ['.mdx'])];
const TRAINING = [...listFiles('content/training', ['.mdx']), ...listFiles('test/fixtures/content/training', ['.mdx'])];
const ALL = [...ARTICLES, ...TRAINING];

/** Lines of `after` that differ from `before`, as [first, last] line range of `before` (0-based), or null. */
function changedLines(before: string, after: string): { from: number; toBefore: number; toAfter: number } | null {
  if (before === after) return null;
  const a = before.split('\n');
  const b = after.split('\n');
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { from: p, toBefore: a.length - 1 - s, toAfter: b.length - 1 - s };
}

/** 0-based file lines of each top-level frontmatter key (the frontmatter starts on line 1). */
function keyLines(source: string): Map<string, [number, number]> {
  const fm = /^---\n([\s\S]*?\n)---/.exec(source)![1]!;
  const doc = parseDocument(fm);
  const line = (offset: number) => fm.slice(0, offset).split('\n').length; // +1 for the opening ---, -1 for 0-based
  const out = new Map<string, [number, number]>();
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const end = pair.value?.range ? pair.value.range[1] : pair.key.range![1];
    let e = end;
    while (e > 0 && /\s/.test(fm[e - 1]!)) e--;
    out.set(String((pair.key as unknown as { value: unknown }).value), [line(pair.key.range![0]), line(e)]);
  }
  return out;
}

function mutate(v: unknown): unknown {
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? '2027-01-02' : `${v} geändert`;
  if (typeof v === 'number') return v + 1;
  if (Array.isArray(v)) return v.length && typeof v[0] === 'string' ? [...v, 'neu-eintrag'] : v.length ? v.slice(0, -1) : ['neu-eintrag'];
  if (v && typeof v === 'object') return { ...v, extra: 'neu' };
  return 'neu';
}

describe('minimal-diff saves', () => {
  it('finds the sample content', () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(30);
    expect(TRAINING.length).toBeGreaterThanOrEqual(4);
  });

  it.each(ALL)('%s: saving unchanged data gives the identical file', (file) => {
    const source = readFileSync(file, 'utf8');
    const entry = readEntry(source);
    expect(writeEntry(source, JSON.parse(JSON.stringify(entry)))).toBe(source);
  });

  it.each(ALL)('%s: changing one field changes only that field’s lines', (file) => {
    const source = readFileSync(file, 'utf8');
    const entry = readEntry(source);
    const lines = keyLines(source);
    for (const key of Object.keys(entry.data)) {
      const data = { ...entry.data, [key]: mutate(entry.data[key]) };
      const out = writeEntry(source, { data, body: entry.body });
      const diff = changedLines(source, out);
      expect(diff, key).not.toBeNull();
      const [first, last] = lines.get(key)!;
      expect(diff!.from, `${file} ${key}`).toBeGreaterThanOrEqual(first);
      expect(diff!.toBefore, `${file} ${key}`).toBeLessThanOrEqual(last);
      expect(readEntry(out).data[key], key).toEqual(data[key]);
    }
  });

  it.each(ARTICLES)('%s: changing the title rewrites one line and the file still validates', (file) => {
    const source = readFileSync(file, 'utf8');
    const entry = readEntry(source);
    const out = writeEntry(source, { data: { ...entry.data, title: 'Ein ganz neuer Titel für den Test' }, body: entry.body });
    const diff = changedLines(source, out)!;
    expect(diff.toBefore - diff.from).toBe(0);
    expect(diff.toAfter - diff.from).toBe(0);
    expect(parseEntryWith(file, out, articleSchema).ok).toBe(true);
  });

  it('leaves the body byte for byte as sent, MDX components and code blocks included', () => {
    const source = readFileSync('test/fixtures/content/articles/de/druckauftrag-haengt.mdx', 'utf8');
    const entry = readEntry(source);
    const body = `${entry.body}\n<Internal audience="first-level">\n\`\`\`powershell\nGet-Printer | Where-Object { $_.Name -like "*Drucker*" }\n\`\`\`\n</Internal>\n`;
    const out = writeEntry(source, { data: entry.data, body });
    expect(out.endsWith(body)).toBe(true);
    expect(out.slice(0, source.length - entry.body.length)).toBe(source.slice(0, source.length - entry.body.length));
  });

  it('cancels a session by adding one line inside it, and adds a session after the last one', () => {
    const file = 'test/fixtures/content/training/drucken-grundlagen.mdx';
    const source = readFileSync(file, 'utf8');
    const entry = readEntry(source);
    const sessions = structuredClone(entry.data.sessions) as Record<string, unknown>[];
    const winter = sessions.findIndex((s) => s.id === 'winter');
    sessions[winter]!.status = 'cancelled';
    const cancelled = writeEntry(source, { data: { ...entry.data, sessions }, body: entry.body });
    const d = changedLines(source, cancelled)!;
    expect(d.toBefore - d.from).toBe(-1); // pure insertion
    expect(cancelled.split('\n')[d.from]).toBe('    status: cancelled');
    const added = [
      ...sessions,
      {
        id: 'fruehjahr',
        start: '2027-04-14T09:00',
        end: '2027-04-14T10:30',
        format: 'online',
        link: 'https://teams.example/x',
        trainer: 'Eva Fischer',
        capacity: 30,
        registration: { mail: 'schulungen@muster.example' },
      },
    ];
    const withNew = writeEntry(cancelled, { data: { ...entry.data, sessions: added }, body: entry.body });
    const d2 = changedLines(cancelled, withNew)!;
    expect(d2.toBefore - d2.from).toBe(-1);
    expect(withNew).toContain('  - id: fruehjahr\n    start: "2027-04-14T09:00"\n    end: "2027-04-14T10:30"\n');
    const parsed = parseEntryWith(file, withNew, trainingSchema);
    expect(parsed.ok && parsed.data.sessions.map((s) => `${s.id}:${s.status}`)).toEqual(
      entry.data.sessions && [
        ...(entry.data.sessions as { id: string; status?: string }[]).map(
          (s) => `${s.id}:${s.id === 'winter' ? 'cancelled' : (s.status ?? 'planned')}`,
        ),
        'fruehjahr:planned',
      ],
    );
  });

  it('removes an optional field with its lines only and keeps comments', () => {
    const yaml = '# comment stays\ntitle: "A"\nreplacedBy: x\n# another\nlang: de\n';
    expect(patchYaml(yaml, { title: 'A', lang: 'de' })).toBe('# comment stays\ntitle: "A"\n# another\nlang: de\n');
    expect(patchYaml(yaml, { title: 'B', replacedBy: 'x', lang: 'de' })).toBe(
      '# comment stays\ntitle: "B"\nreplacedBy: x\n# another\nlang: de\n',
    );
  });

  it('round-trips categories.yaml and changes one label in place', () => {
    for (const file of ['content/categories.yaml', 'test/fixtures/content/categories.yaml']) {
      const source = readFileSync(file, 'utf8');
      const data = parseDocument(source).toJS() as { label: { de: string } }[];
      expect(patchYaml(source, JSON.parse(JSON.stringify(data)))).toBe(source);
      data[0]!.label.de = 'Neu';
      const d = changedLines(source, patchYaml(source, data))!;
      expect(d.toBefore - d.from).toBe(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { articleSchema, categoriesFileSchema, kbConfigSchema, makeArticleSchema, treeSchema } from '../../src/schemas/index.ts';
import { parseEntryWith, parseYamlWith } from '../../src/lib/content-files.ts';
import { formatProblem } from '../../src/lib/problems.ts';

const FIXTURE = 'test/fixtures/content/articles/de/konto-gesperrt.mdx';
const valid = readFileSync(FIXTURE, 'utf8');
/** The valid fixture with one frontmatter line replaced. */
const withLine = (from: RegExp, to: string) => valid.replace(from, to);
const problemsOf = (source: string) => {
  const r = parseEntryWith('articles/de/x.mdx', source, articleSchema);
  if (r.ok) throw new Error('expected the entry to be invalid');
  return r.problems.map(formatProblem);
};

describe('article frontmatter schema', () => {
  it('accepts the valid fixture and normalises it', () => {
    const r = parseEntryWith(FIXTURE, valid, articleSchema);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.environment.service).toEqual(['Active Directory']);
    expect(r.data.sources).toEqual([{ system: 'servicenow', id: 'INC0010001' }]);
    expect(r.data.reviewed).toEqual(new Date('2026-10-01T00:00:00Z'));
  });

  it('derives reviewBy from the configured review interval', () => {
    const r = parseEntryWith(FIXTURE, valid, makeArticleSchema(90));
    expect(r.ok && r.data.reviewBy.toISOString().slice(0, 10)).toBe('2026-12-30');
    const explicit = parseEntryWith(FIXTURE, withLine(/^reviewed: .*$/m, 'reviewed: 2026-10-01\nreviewBy: 2027-01-15'), articleSchema);
    expect(explicit.ok && explicit.data.reviewBy.toISOString().slice(0, 10)).toBe('2027-01-15');
  });

  it('rejects an unknown confidence, naming the file, the field and the allowed values', () => {
    const [line] = problemsOf(withLine(/^confidence: .*$/m, 'confidence: maybe'));
    expect(line).toContain('articles/de/x.mdx');
    expect(line).toContain('confidence:');
    expect(line).toMatch(/wip.*not-validated.*validated.*archived/);
  });

  it('names nested field paths', () => {
    expect(problemsOf(withLine(/^  - \{ system: servicenow.*$/m, '  - { system: remedy, id: INC1 }'))[0]).toMatch(
      /sources\.0\.system: .*servicenow/,
    );
    expect(problemsOf(withLine(/^  os: .*$/m, '  osversion: "11"'))[0]).toMatch(/environment: .*osversion/);
  });

  it('reports missing required fields and unknown fields', () => {
    const lines = problemsOf(withLine(/^owner: .*\n/m, 'ownr: "Team Identity"\n'));
    expect(lines.some((l) => l.includes('owner:'))).toBe(true);
    expect(lines.some((l) => l.includes('ownr'))).toBe(true);
  });

  it('rejects ids that could not be file names, bad dates and reversed dates', () => {
    expect(problemsOf(withLine(/^category: .*$/m, 'category: "../etc"'))[0]).toMatch(/category: .*kebab-case/);
    expect(problemsOf(withLine(/^created: .*$/m, 'created: "last tuesday"'))[0]).toMatch(/created: expected a date/);
    expect(problemsOf(withLine(/^created: .*$/m, 'created: 2027-01-01'))[0]).toMatch(/reviewed: must not be before `created`/);
  });

  it('allows replacedBy only on archived articles', () => {
    expect(problemsOf(withLine(/^lang: de$/m, 'lang: de\nreplacedBy: druckauftrag-haengt'))[0]).toMatch(
      /replacedBy: only archived articles/,
    );
  });

  it('reports broken YAML with its line in the file', () => {
    const r = parseEntryWith('x.mdx', valid.replace('tags: [active-directory, sperre]', 'tags: [active-directory, sperre'), articleSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ field: '(yaml)', file: 'x.mdx' });
  });

  it('reports a file without frontmatter', () => {
    expect(problemsOf('## Problem\n\ntext')[0]).toMatch(/missing --- frontmatter/);
  });
});

describe('categories and config schemas', () => {
  it('accepts the sample categories file', () => {
    const r = parseYamlWith('content/categories.yaml', readFileSync('content/categories.yaml', 'utf8'), categoriesFileSchema);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.length).toBeGreaterThanOrEqual(6);
  });

  it('requires a German label', () => {
    const r = parseYamlWith('c.yaml', '- id: x\n  label: { en: X }\n  description: { de: D }', categoriesFileSchema);
    expect(!r.ok && r.problems.map(formatProblem)[0]).toMatch(/c\.yaml {2}0\.label\.de: /);
  });

  it('validates the site configuration', () => {
    const bad = kbConfigSchema.safeParse({
      title: { de: 'KB' },
      organisation: 'X',
      supportEmail: 'not-an-email',
      ticketUrlTemplate: 'https://tickets.example/new',
      teams: {},
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['supportEmail', 'ticketUrlTemplate']));
  });
});

describe('strict dates and tree versions', () => {
  it('rejects an empty, null or numeric date, naming the field (no silent 1970-01-01)', () => {
    expect(problemsOf(withLine(/^created: .*$/m, 'created:'))).toEqual([
      expect.stringMatching(/created: expected a date in the form YYYY-MM-DD, got an empty value/),
    ]);
    expect(problemsOf(withLine(/^created: .*$/m, 'created: ""'))).toEqual([
      expect.stringMatching(/created: expected a date in the form YYYY-MM-DD, got an empty value/),
    ]);
    expect(problemsOf(withLine(/^reviewed: .*$/m, 'reviewed: 2026-10-01\nreviewBy: null'))).toEqual([
      expect.stringMatching(/reviewBy: expected a date in the form YYYY-MM-DD, got an empty value/),
    ]);
    expect(problemsOf(withLine(/^created: .*$/m, 'created: 20250101'))).toEqual([
      expect.stringMatching(/created: expected a date in the form YYYY-MM-DD, got the number 20250101/),
    ]);
    expect(problemsOf(withLine(/^created: .*$/m, 'created: "2025-02-30"'))).toEqual([
      expect.stringMatching(/created: expected a date in the form YYYY-MM-DD, got "2025-02-30"/),
    ]);
  });

  it('accepts unquoted and quoted dates alike', () => {
    const r = parseEntryWith(FIXTURE, withLine(/^created: .*$/m, 'created: "2025-03-01"'), articleSchema);
    expect(r.ok && r.data.created).toEqual(new Date('2025-03-01T00:00:00Z'));
  });

  const tree = readFileSync('test/fixtures/content/trees/drucker.yaml', 'utf8');
  const treeProblems = (source: string) => {
    const r = parseYamlWith('trees/drucker.yaml', source, treeSchema);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('requires the tree version as a quoted string: an unquoted 1.10 would become 1.1', () => {
    expect(treeProblems(tree)).toEqual([]);
    expect(treeProblems(tree.replace(/^version: .*$/m, 'version: 1.10'))).toEqual([
      expect.stringMatching(/version: must be a quoted string such as version: "1\.10"; unquoted, YAML reads it as the number 1\.1$/),
    ]);
    expect(treeProblems(tree.replace(/^version: .*$/m, 'version: 2'))).toEqual([expect.stringMatching(/version: must be a quoted string/)]);
    expect(treeProblems(tree.replace(/^version: .*$/m, 'version: "1.10"'))).toEqual([]);
  });
});

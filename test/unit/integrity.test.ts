import { describe, expect, it } from 'vitest';
import { checkArticles, type ArticleEntry } from '../../src/lib/integrity.ts';
import { checkKcsSections, extractHeadings } from '../../src/lib/kcs.ts';

const body = {
  de: '## Problem\n\nA\n\n## Umgebung\n\nB\n\n## Ursache\n\nC\n\n## Lösung\n\nD\n',
  en: '## Issue\n\nA\n\n## Environment\n\nB\n\n## Resolution\n\nD\n',
};

function entry(id: string, over: Partial<ArticleEntry['data']> = {}, text = body.de): ArticleEntry {
  return {
    id,
    file: `content/articles/${over.lang ?? 'de'}/${id}.mdx`,
    body: text,
    data: { type: 'problem', lang: 'de', category: 'konto', related: [], confidence: 'validated', ...over },
  };
}
const cats = new Set(['konto', 'drucken']);

describe('KCS sections', () => {
  it('accepts complete German and English problem articles; Cause is optional', () => {
    expect(checkKcsSections(body.de, 'problem', 'de')).toEqual([]);
    expect(checkKcsSections(body.en, 'problem', 'en')).toEqual([]);
  });

  it('reports a missing Lösung section by its German heading', () => {
    const problems = checkKcsSections(body.de.replace('## Lösung', '## Loesung'), 'problem', 'de');
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing', message: 'missing required section "## Lösung"' })]);
  });

  it('reports sections out of order with the line', () => {
    const text = '## Lösung\n\nD\n\n## Problem\n\nA\n\n## Umgebung\n\nB\n';
    const [p] = checkKcsSections(text, 'problem', 'de');
    expect(p).toMatchObject({
      kind: 'order',
      line: 1,
      section: 'resolution',
      message: 'section "## Lösung" must come after "## Umgebung"',
    });
  });

  it('ignores headings inside code fences and does not apply to how-tos', () => {
    expect(extractHeadings('```bash\n## Problem\n```\n## Real\n')).toEqual([{ depth: 2, text: 'Real', line: 4 }]);
    expect(checkKcsSections('## Schritte\n', 'howto', 'de')).toEqual([]);
  });
});

describe('whole-KB integrity', () => {
  it('passes a consistent KB', () => {
    expect(checkArticles([entry('a', { related: ['b'] }), entry('b')], cats)).toEqual([]);
  });

  it('names file and field for unknown categories and related ids', () => {
    const problems = checkArticles([entry('a', { category: 'hardware', related: ['nope', 'a'] })], cats);
    expect(problems.map((p) => `${p.file} ${p.field}: ${p.message}`)).toEqual([
      'content/articles/de/a.mdx category: unknown category "hardware"; expected one of: drucken, konto',
      'content/articles/de/a.mdx related.0: unknown article id "nope"',
      'content/articles/de/a.mdx related.1: an article cannot be related to itself',
    ]);
  });

  it('checks translations: a known original in another language, no chains, one per language', () => {
    const en = (id: string, translationOf: string) => entry(id, { lang: 'en', translationOf }, body.en);
    const ok = checkArticles([entry('drucker'), en('printer', 'drucker')], cats);
    expect(ok).toEqual([]);
    const problems = checkArticles(
      [
        entry('drucker'),
        en('printer', 'drucker'),
        en('printer-2', 'drucker'),
        entry('chain', { translationOf: 'printer' }),
        en('x', 'nope'),
        entry('de2', { translationOf: 'drucker' }),
      ],
      cats,
    );
    expect(problems.map((p) => `${p.file.replace(/^.*\//, '')} ${p.field}: ${p.message}`)).toEqual([
      'printer-2.mdx translationOf: "printer" is already the en translation of "drucker"',
      'chain.mdx translationOf: "printer" is a translation itself; point to the original (drucker)',
      'x.mdx translationOf: unknown article id "nope"',
      'de2.mdx translationOf: "drucker" is in the same language (de)',
    ]);
  });

  it('checks replacements and the language folder', () => {
    const problems = checkArticles(
      [
        entry('old', { confidence: 'archived', replacedBy: 'older' }),
        entry('older', { confidence: 'archived' }),
        { ...entry('en-in-de', { lang: 'en' }, body.en), file: 'content/articles/de/en-in-de.mdx' },
      ],
      cats,
    );
    expect(problems.map((p) => `${p.file.replace(/^.*\//, '')} ${p.field}`)).toEqual([
      'old.mdx replacedBy',
      'older.mdx replacedBy',
      'en-in-de.mdx lang',
    ]);
    expect(problems[0]!.message).toContain('archived itself');
    // An archived article without a successor would leave its readers at a dead end.
    expect(problems[1]!.message).toContain('names the article that replaces it');
  });

  it('reports a missing section with file and section, shifting lines by the frontmatter', () => {
    const e = { ...entry('a', {}, '\n\n## Problem\n\ny\n\n## Lösung\n\nx\n\n## Umgebung\n'), bodyLine: 20 };
    const problems = checkArticles([e], cats);
    expect(problems).toEqual([expect.objectContaining({ field: '## Lösung', line: 26, file: 'content/articles/de/a.mdx' })]);
  });
});

describe('embedded decision trees', () => {
  it('reports an unknown tree embedded in an article with its line', () => {
    const text = `${body.de}\n<DecisionTree tree="kein-netzwerk" />\n<DecisionTree tree="gibt-es-nicht" />\n`;
    const problems = checkArticles([{ ...entry('a', {}, text), bodyLine: 10 }], cats, new Set(['kein-netzwerk']));
    expect(problems).toEqual([expect.objectContaining({ field: '<DecisionTree>', message: 'unknown tree "gibt-es-nicht"', line: 27 })]);
  });
});

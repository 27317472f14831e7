/**
 * The layering rules of ARCHITECTURE.md, checked on the source files: what may import what, and
 * that pages and components only render (their logic lives where a unit test reaches it).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/build.ts';

function files(dir: string, ext: RegExp): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => ext.test(f))
    .map((f) => relative(ROOT, join(ROOT, dir, f)).replaceAll('\\', '/'))
    .sort();
}

/** Module specifiers a file imports or re-exports (static and dynamic), with the line. */
export function importsOf(source: string): { spec: string; line: number }[] {
  const found: { spec: string; line: number }[] = [];
  source.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(
      /(?:^|[^\w.])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/g,
    )) {
      found.push({ spec: (m[1] ?? m[2] ?? m[3])!, line: i + 1 });
    }
  });
  return found;
}

/** The frontmatter (between the first two `---` lines) of an .astro file. */
function frontmatter(source: string): string[] {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return [];
  const end = lines.indexOf('---', 1);
  return end < 0 ? [] : lines.slice(1, end);
}

/** Where a module specifier points, relative to the project root (`null` for packages and builtins). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(ROOT, join(ROOT, file, '..', spec)).replaceAll('\\', '/');
}

const FORBIDDEN_IN_LIB = [
  { test: (spec: string) => spec === 'astro' || spec.startsWith('astro:') || spec.startsWith('astro/'), why: 'an Astro import' },
  { test: (_: string, to: string | null) => to === 'kb.config.ts', why: 'the site configuration (pass what you need in)' },
  {
    test: (_: string, to: string | null) => !!to && /^src\/(data|components|pages|layouts|i18n|islands|integrations)\//.test(to),
    why: 'a layer above lib',
  },
];

describe('import rules', () => {
  it('keeps src/lib and src/schemas free of Astro, the site config and the layers above them', () => {
    const violations: string[] = [];
    for (const file of [...files('src/lib', /\.ts$/), ...files('src/schemas', /\.ts$/)]) {
      for (const { spec, line } of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        const to = target(file, spec);
        for (const rule of FORBIDDEN_IN_LIB) if (rule.test(spec, to)) violations.push(`${file}:${line} imports ${spec}: ${rule.why}`);
        if (file.startsWith('src/schemas/') && to && !to.startsWith('src/schemas/'))
          violations.push(`${file}:${line} imports ${spec}: schemas import only zod and other schemas`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('detects the imports it forbids (the check itself can fail)', () => {
    const src =
      "import { getCollection } from 'astro:content';\nimport config from '../../kb.config.ts';\nconst x = await import('../data/kb.ts');\nexport { y } from './y.ts';";
    expect(importsOf(src).map((i) => i.spec)).toEqual(['astro:content', '../../kb.config.ts', '../data/kb.ts', './y.ts']);
    expect(target('src/lib/x.ts', '../../kb.config.ts')).toBe('kb.config.ts');
  });
});

/**
 * Pages and components render: their frontmatter picks props and calls src/lib and src/data. Two
 * checkable signs of logic hiding there: an exported function (a test cannot import an .astro file's
 * helpers, so they would be untested) and a long frontmatter.
 */
const MAX_FRONTMATTER_LINES = 80;
const ALLOWED_EXPORTS = new Set(['getStaticPaths', 'prerender', 'partial']);

describe('pages and components hold no domain logic', () => {
  const astroFiles = [...files('src/pages', /\.astro$/), ...files('src/components', /\.astro$/), ...files('src/layouts', /\.astro$/)];

  it('export nothing from their frontmatter but getStaticPaths (and types)', () => {
    const violations: string[] = [];
    for (const file of astroFiles) {
      frontmatter(readFileSync(join(ROOT, file), 'utf8')).forEach((text, i) => {
        const m = /^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+(\w+)/.exec(text);
        if (m && !ALLOWED_EXPORTS.has(m[1]!))
          violations.push(`${file}:${i + 2} exports ${m[1]}: move it to src/lib (or src/data) and test it there`);
      });
    }
    expect(violations).toEqual([]);
  });

  it(`keep their frontmatter under ${MAX_FRONTMATTER_LINES} lines`, () => {
    const long = astroFiles
      .map((file) => ({ file, lines: frontmatter(readFileSync(join(ROOT, file), 'utf8')).length }))
      .filter((f) => f.lines > MAX_FRONTMATTER_LINES)
      .map((f) => `${f.file}: ${f.lines} lines of frontmatter; move the logic to src/lib or src/data`);
    expect(long).toEqual([]);
  });

  it('route files in src/pages do not come in locale pairs: one file serves every locale', () => {
    const pages = files('src/pages', /\.(astro|ts)$/);
    const locales = /(^|\/)(de|en)(\/|$)|\b(artikel|articles|kategorien|categories|schulungen|training)\b/;
    expect(pages.filter((p) => locales.test(p))).toEqual([]);
  });
});

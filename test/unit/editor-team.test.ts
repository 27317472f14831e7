/**
 * Team mode: the generated Sveltia CMS configuration has a field for every schema field, and the
 * custom formats save every sample entry byte for byte, also when the CMS adds empty values for
 * fields the file did not have.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { listFiles, parseEntryWith } from '../../src/lib/content-files.ts';
import { editorFields, fieldPaths } from '../../src/lib/editor/fields.ts';
import { editorStrings } from '../../src/lib/editor/strings.ts';
import { listFromFile, listToFile, mdxFromFile, mdxToFile, sveltiaConfig, SOURCE_FIELD, MDX_FORMATS } from '../../src/lib/editor/team.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { articleSchema } from '../../src/schemas/index.ts';

const fields = editorFields();
const labels = { de: editorStrings(useTranslations('de')), en: editorStrings(useTranslations('en')) };
const choices = { categories: ['drucken', 'konto'], articles: ['a', 'b'], trees: ['t'], tags: [] };
const cfg = (editor?: Parameters<typeof sveltiaConfig>[0]['editor']) =>
  sveltiaConfig({ fields, choices, labels, editor, locale: 'de', site: 'https://kb.example' }) as any;

/** Field paths of a CMS field list (`sessions.*.start` style, lists as `*`). */
function cmsPaths(list: any[], prefix = ''): string[] {
  return list.flatMap((f) => {
    const p = prefix ? `${prefix}.${f.name}` : f.name;
    const inner = f.fields ? cmsPaths(f.fields, f.widget === 'list' ? `${p}.*` : p) : [];
    return [p, ...inner];
  });
}

describe('team mode configuration', () => {
  it('has a CMS field for every schema field of articles and training, plus the body', () => {
    const c = cfg();
    for (const [name, collection] of [
      ['articles-de', 'articles'],
      ['drafts-en', 'articles'],
      ['training', 'training'],
    ] as const) {
      const col = c.collections.find((x: any) => x.name === name);
      const paths = new Set(cmsPaths(col.fields));
      const expected = fieldPaths(fields[collection]).filter((p) => !/\.\*$/.test(p));
      const missing = expected.filter((p) => !paths.has(p));
      expect(missing, name).toEqual([]);
      expect(paths).toContain('body');
      expect(col.fields.find((f: any) => f.name === 'body').widget).toBe('text');
      expect(col.fields.find((f: any) => f.name === SOURCE_FIELD).widget).toBe('hidden');
    }
    expect(c.collections.find((x: any) => x.name === 'articles-en').fields.find((f: any) => f.name === 'body').default).toMatch(
      /## Issue[\s\S]*## Environment[\s\S]*## Resolution/,
    );
    expect(c.collections.find((x: any) => x.name === 'drafts-de').filter).toEqual({ field: 'confidence', value: 'wip' });
    expect(c.collections.find((x: any) => x.name === 'articles-de').fields.find((f: any) => f.name === 'category')).toMatchObject({
      widget: 'select',
      options: ['drucken', 'konto'],
      required: true,
    });
  });

  it('writes the backend and the editorial workflow from kb.config.ts', () => {
    expect(cfg().backend).toEqual({ name: 'test-repo' });
    const gitlab = cfg({
      backend: 'gitlab',
      repo: 'it/kb',
      branch: 'main',
      apiRoot: 'https://git.example/api/v4',
      baseUrl: 'https://git.example',
      appId: 'abc',
      editorialWorkflow: true,
      contentPath: 'content',
    });
    expect(gitlab.backend).toMatchObject({
      name: 'gitlab',
      repo: 'it/kb',
      api_root: 'https://git.example/api/v4',
      base_url: 'https://git.example',
      app_id: 'abc',
      auth_type: 'pkce',
    });
    expect(gitlab.publish_mode).toBe('editorial_workflow');
    expect(
      cfg({ backend: 'gitea', repo: 'it/kb', branch: 'main', editorialWorkflow: true, contentPath: 'content' }).publish_mode,
    ).toBeUndefined();
    expect(gitlab.collections[0].format).toBe(MDX_FORMATS.articles);
  });
});

describe('kb editor-config', () => {
  it('prints the generated configuration as YAML with choices from the content folder', () => {
    const out = execFileSync(process.execPath, ['scripts/kb.ts', 'editor-config', '--content', 'test/fixtures/content'], {
      encoding: 'utf8',
    });
    const cfg = parseYaml(out) as { collections: { name: string; fields?: { name: string; options?: string[] }[] }[] };
    expect(cfg.collections.map((c) => c.name)).toContain('training');
    expect(cfg.collections[0]!.fields!.find((f) => f.name === 'category')!.options).toEqual(['drucken', 'konto', 'leer']);
  });
});

describe('team mode file formats', () => {
  const files = [...listFiles('content/articles', ['.mdx']), ...listFiles('content/training', ['.mdx'])];

  it.each(files)('%s: opening and saving gives the identical file, also with the empty values a CMS adds', (file) => {
    const text = readFileSync(file, 'utf8');
    const collection = file.includes('/training/') ? 'training' : 'articles';
    const data = mdxFromFile(text);
    expect(mdxToFile(structuredClone(data), fields[collection], collection)).toBe(text);
    const padded = {
      ...data,
      replacedBy: data.replacedBy ?? '',
      reviewBy: undefined,
      tags: data.tags ?? [],
      sources: data.sources ?? [],
      environment: data.environment ?? {},
      prerequisites: data.prerequisites ?? [],
    };
    if (collection === 'training') Object.assign(padded, { replacedBy: undefined, environment: undefined, sources: undefined });
    expect(mdxToFile(padded, fields[collection], collection)).toBe(text);
    // Sveltia trims text fields; the body's blank first line and final newline survive.
    expect(mdxToFile({ ...data, body: String(data.body).trim() }, fields[collection], collection)).toBe(text);
  });

  it('creates a new article from the template: KCS sections in the chosen language, valid', () => {
    const out = mdxToFile(
      {
        title: 'Drucker druckt leere Seiten',
        summary: 'Leere Seiten aus dem Netzwerkdrucker: Treiber und Toner prüfen.',
        type: 'problem',
        category: 'drucken',
        audience: 'employee',
        confidence: 'wip',
        owner: 'L2 Workplace',
        created: '2026-11-27',
        reviewed: '2026-11-27',
        lang: 'de',
        body: '\n## Problem\n\nLeer.\n\n## Umgebung\n\nWindows 11.\n\n## Lösung\n\n1. Treiber neu installieren.\n',
      },
      fields.articles,
      'articles',
    );
    expect(out).toMatch(/^---\ntitle: "Drucker druckt leere Seiten"\n/);
    expect(out).not.toContain(SOURCE_FIELD);
    expect(parseEntryWith('x.mdx', out, articleSchema).ok).toBe(true);
  });

  it('round-trips categories.yaml', () => {
    const text = readFileSync('content/categories.yaml', 'utf8');
    expect(listToFile(structuredClone(listFromFile(text)), fields.categories)).toBe(text);
  });
});

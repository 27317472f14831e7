/**
 * The editor's field model comes from the zod schemas: every schema field (nested ones included)
 * has an editor field with the schema's enum, default, required flag and limits, and a label in
 * both languages.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  articleFrontmatterSchema,
  categorySchema,
  sessionSchema,
  trainingSchema,
  ARTICLE_TYPES,
  SESSION_FORMATS,
} from '../../src/schemas/index.ts';
import { CONFIDENCES } from '../../src/schemas/vocabulary.ts';
import { editorFields, fieldPaths, type EditorField } from '../../src/lib/editor/fields.ts';
import { editorStrings, fieldNames } from '../../src/lib/editor/strings.ts';
import { useTranslations } from '../../src/i18n/index.ts';

/** Every property path of a JSON Schema, `*` for array items (independent of the generator's walk). */
function schemaPaths(schema: z.ZodType): string[] {
  const out: string[] = [];
  const walk = (s: Record<string, unknown>, prefix: string) => {
    for (const variant of (s.anyOf as Record<string, unknown>[] | undefined) ?? []) walk(variant, prefix);
    if (s.type === 'array' && s.items) walk(s.items as Record<string, unknown>, `${prefix}.*`);
    for (const [k, v] of Object.entries((s.properties as Record<string, Record<string, unknown>>) ?? {})) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.push(p);
      walk(v, p);
    }
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, '');
  return [...new Set(out)].map((p) => p.replace(/^\*\./, ''));
}

const byPath = (fields: EditorField[], path: string): EditorField | undefined => {
  let found: EditorField | undefined;
  const walk = (f: EditorField) => {
    if (f.path === path && f.name) found ??= f;
    if (f.kind === 'object') f.fields.forEach(walk);
    if (f.kind === 'list') walk(f.item);
    if (f.kind === 'variant') f.variants.forEach(walk);
  };
  fields.forEach(walk);
  return found;
};

describe('editor field model', () => {
  const fields = editorFields();

  it.each([
    ['articles', articleFrontmatterSchema],
    ['training', trainingSchema],
    ['categories', categorySchema],
  ] as const)('has an editor field for every field of the %s schema', (collection, schema) => {
    const generated = new Set(fieldPaths(fields[collection]));
    const missing = schemaPaths(schema).filter((p) => !generated.has(p));
    expect(missing).toEqual([]);
    expect(generated.size).toBeGreaterThan(5);
  });

  it('covers every session field', () => {
    const session = new Set(
      fieldPaths(fields.training)
        .filter((p) => p.startsWith('sessions.*.'))
        .map((p) => p.slice('sessions.*.'.length)),
    );
    for (const key of Object.keys(sessionSchema.shape)) expect(session, key).toContain(key);
  });

  it('takes enums, defaults, required flags and limits from the schemas', () => {
    const a = fields.articles;
    expect(byPath(a, 'type')).toMatchObject({ kind: 'select', options: [...ARTICLE_TYPES], required: true });
    expect(byPath(a, 'confidence')).toMatchObject({ kind: 'select', options: [...CONFIDENCES], required: true });
    expect(byPath(a, 'title')).toMatchObject({ kind: 'string', minLength: 5, maxLength: 140, required: true });
    expect(byPath(a, 'tags')).toMatchObject({ kind: 'list', default: [], required: false });
    expect(byPath(a, 'reviewBy')).toMatchObject({ kind: 'date', required: false });
    expect(byPath(a, 'category')).toMatchObject({ kind: 'select', source: 'categories' });
    expect(byPath(a, 'related')).toMatchObject({ kind: 'list', source: 'articles' });
    const t = fields.training;
    expect(byPath(t, 'sessions.*.format')).toMatchObject({ kind: 'select', options: [...SESSION_FORMATS], required: true });
    expect(byPath(t, 'sessions.*.timezone')).toMatchObject({ kind: 'string', default: 'Europe/Berlin', required: false });
    expect(byPath(t, 'sessions.*.status')).toMatchObject({ kind: 'select', default: 'planned' });
    expect(byPath(t, 'sessions.*.start')).toMatchObject({ kind: 'datetime', required: true });
    expect(byPath(t, 'sessions.*.capacity')).toMatchObject({ kind: 'number', integer: true, exclusiveMinimum: 0 });
    expect(byPath(t, 'sessions.*.registration')).toMatchObject({ kind: 'variant' });
    expect(byPath(t, 'objectives')).toMatchObject({ kind: 'list', minItems: 1, required: true });
  });

  it('has a German and an English label for every field and UI string', () => {
    for (const locale of ['de', 'en'] as const) {
      const s = editorStrings(useTranslations(locale));
      for (const n of fieldNames()) expect(s.fields[n], `${locale} ${n}`).toMatch(/\S/);
    }
    expect(editorStrings(useTranslations('de')).fields.sessions).toBe('Termine');
    expect(editorStrings(useTranslations('en')).fields.sessions).toBe('Sessions');
  });
});

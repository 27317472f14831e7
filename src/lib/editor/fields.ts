/**
 * The editor's field model, generated from the zod schemas in src/schemas (through their JSON
 * Schema, input side): every field, enum, default, required flag and length/pattern limit comes
 * from there. The only hand-written knowledge is which schema fields draw their choices from the
 * content (categories, articles, trees, tags) and which zod types JSON Schema cannot describe
 * (dates and local date-times), and the generator throws when a field has neither a JSON Schema
 * type nor such a hint, so a new schema field can never silently lack an editor field.
 */
import { z } from 'zod';
import { articleFrontmatterSchema } from '../../schemas/article.ts';
import { categorySchema } from '../../schemas/category.ts';
import { trainingSchema } from '../../schemas/training.ts';

/** Content-derived choice lists, filled in by `editorChoices` from the knowledge base. */
export type ChoiceSource = 'categories' | 'articles' | 'trees' | 'tags';

interface FieldBase {
  /** Key in the YAML mapping. */
  name: string;
  /** Dotted path from the entry's root, e.g. `sessions.*.start`; the i18n label key suffix. */
  path: string;
  required: boolean;
  default?: unknown;
}

export type EditorField =
  | (FieldBase & {
      kind: 'string';
      minLength?: number;
      maxLength?: number;
      pattern?: string;
      format?: 'uri' | 'email';
      /** Long text (summaries): a textarea. */
      multiline: boolean;
      /** Suggestions from the content (list items of `related`, `tags`, …). */
      source?: ChoiceSource;
    })
  | (FieldBase & { kind: 'select'; options: readonly string[]; source?: ChoiceSource })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; exclusiveMinimum?: number })
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'datetime' })
  | (FieldBase & { kind: 'list'; item: EditorField; minItems?: number; source?: ChoiceSource })
  | (FieldBase & { kind: 'object'; fields: EditorField[] })
  /** Exactly one of several single-key objects, e.g. `registration: { mail }` or `{ url }`. */
  | (FieldBase & { kind: 'variant'; variants: EditorField[] });

export type FieldKind = EditorField['kind'];

/** Fields whose zod type has no JSON Schema form (coerced dates, local date-times). */
const TYPE_HINTS: Record<string, 'date' | 'datetime'> = {
  created: 'date',
  reviewed: 'date',
  reviewBy: 'date',
  'sessions.*.start': 'datetime',
  'sessions.*.end': 'datetime',
};

/** Fields whose allowed values come from the content itself. */
const CHOICE_HINTS: Record<string, ChoiceSource> = {
  category: 'categories',
  related: 'articles',
  replacedBy: 'articles',
  translationOf: 'articles',
  trees: 'trees',
  tags: 'tags',
};

/** Long texts, edited in a textarea. */
const MULTILINE = new Set(['summary', 'label.de', 'label.en', 'description.de', 'description.en']);

type Json = Record<string, unknown>;

function toField(name: string, path: string, schema: Json, required: boolean): EditorField {
  const base: FieldBase = { name, path, required };
  if ('default' in schema) base.default = schema.default;
  const hint = TYPE_HINTS[path];
  if (hint) return { ...base, kind: hint };
  const source = CHOICE_HINTS[path];
  const anyOf = schema.anyOf as Json[] | undefined;
  if (anyOf) {
    // `string | string[]` (environment facets): a list; the schema accepts both.
    const arr = anyOf.find((s) => s.type === 'array');
    if (arr && anyOf.every((s) => s.type === 'array' || s.type === 'string')) return toField(name, path, arr, required);
    if (anyOf.every((s) => s.type === 'object')) {
      return { ...base, kind: 'variant', variants: anyOf.map((s) => toField(name, path, s, true)) };
    }
    throw new Error(`editor: no widget for the union at "${path}"; add a hint in src/lib/editor/fields.ts`);
  }
  switch (schema.type) {
    case 'string': {
      if (Array.isArray(schema.enum)) return { ...base, kind: 'select', options: schema.enum as string[] };
      if (source) return { ...base, kind: 'select', options: [], source };
      const f: EditorField = { ...base, kind: 'string', multiline: MULTILINE.has(path) };
      if (typeof schema.minLength === 'number') f.minLength = schema.minLength;
      if (typeof schema.maxLength === 'number') f.maxLength = schema.maxLength;
      if (typeof schema.pattern === 'string' && schema.format !== 'email') f.pattern = schema.pattern;
      if (schema.format === 'uri' || schema.format === 'email') f.format = schema.format;
      return f;
    }
    case 'integer':
    case 'number': {
      const f: EditorField = { ...base, kind: 'number', integer: schema.type === 'integer' };
      if (typeof schema.minimum === 'number') f.minimum = schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') f.exclusiveMinimum = schema.exclusiveMinimum;
      return f;
    }
    case 'array': {
      let item = toField('', `${path}.*`, (schema.items ?? {}) as Json, true);
      if (source && item.kind === 'string') item = { ...item, source };
      const f: EditorField = { ...base, kind: 'list', item };
      if (typeof schema.minItems === 'number') f.minItems = schema.minItems;
      if (source) f.source = source;
      return f;
    }
    case 'object':
      return { ...base, kind: 'object', fields: objectFields(schema, path) };
    default:
      throw new Error(
        `editor: the schema field "${path}" has no editor widget (JSON Schema ${JSON.stringify(schema)}); add a hint in src/lib/editor/fields.ts`,
      );
  }
}

function objectFields(schema: Json, prefix: string): EditorField[] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([key, s]) => toField(key, prefix ? `${prefix}.${key}` : key, s, required.has(key)));
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;

export const COLLECTIONS = ['articles', 'training', 'categories'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** The zod schema of one entry of each collection: what the field model is generated from. */
export const COLLECTION_SCHEMAS: Record<CollectionName, z.ZodType> = {
  articles: articleFrontmatterSchema,
  training: trainingSchema,
  categories: categorySchema,
};

/** The editor fields of every collection, straight from the schemas. */
export function editorFields(): Record<CollectionName, EditorField[]> {
  return {
    articles: objectFields(jsonSchema(articleFrontmatterSchema), ''),
    training: objectFields(jsonSchema(trainingSchema), ''),
    categories: objectFields(jsonSchema(categorySchema), ''),
  };
}

/** Every field path of a field list, nested ones included (`sessions.*.start`). */
export function fieldPaths(fields: readonly EditorField[]): string[] {
  const out: string[] = [];
  const walk = (f: EditorField) => {
    if (f.name) out.push(f.path);
    if (f.kind === 'object') f.fields.forEach(walk);
    if (f.kind === 'list') walk(f.item);
    if (f.kind === 'variant') f.variants.forEach(walk);
  };
  fields.forEach(walk);
  return [...new Set(out)];
}

export interface EditorChoices {
  categories: string[];
  articles: string[];
  trees: string[];
  tags: string[];
}

/**
 * Team mode: a Sveltia CMS configuration generated from the same field model as local mode
 * (fields.ts, i.e. the zod schemas), and the custom file formats that keep saves minimal: the
 * file's original text travels with the entry (a hidden field) and is patched, not re-serialised,
 * so a merge request shows exactly the lines the author changed. Pure: used by the build
 * integration, the `kb editor-config` command and the browser script alike.
 */
import { scaffold } from '../scaffold.ts';
import type { EditorConfig } from '../../schemas/config.ts';
import type { Locale } from '../../schemas/vocabulary.ts';
import type { CollectionName, EditorChoices, EditorField } from './fields.ts';
import { deepEqual, patchYaml, readEntry, readYamlData, writeEntry } from './patch.ts';

export const SOURCE_FIELD = 'kbSource';
/** Sveltia accepts only `*-frontmatter` format names for `.mdx` files, custom ones included. */
export const MDX_FORMATS = { articles: 'kb-article-frontmatter', training: 'kb-training-frontmatter' } as const;
export const LIST_FORMAT = 'kb-yaml-list';

type Obj = Record<string, unknown>;
type Labels = { fields: Record<string, string>; ui: Record<string, string> };

function widget(f: EditorField, labels: Labels, choices: EditorChoices): Obj {
  const base: Obj = { name: f.name, label: labels.fields[f.name] ?? f.name, required: f.required };
  if (f.default !== undefined && !(Array.isArray(f.default) && f.default.length === 0)) base.default = f.default;
  switch (f.kind) {
    case 'string': {
      const w: Obj = { ...base, widget: f.multiline ? 'text' : 'string' };
      if (f.format === 'uri') w.type = 'url';
      if (f.format === 'email') w.type = 'email';
      if (f.minLength) w.minlength = f.minLength;
      if (f.maxLength) w.maxlength = f.maxLength;
      if (f.pattern) w.pattern = [f.pattern, `${labels.ui.invalidField}: ${f.pattern}`];
      // Suggestions only (tags): a free text field in the CMS.
      if (f.source && f.source !== 'tags' && choices[f.source].length) return { ...base, widget: 'select', options: choices[f.source] };
      return w;
    }
    case 'select':
      return { ...base, widget: 'select', options: f.source ? choices[f.source] : f.options };
    case 'number': {
      const w: Obj = { ...base, widget: 'number', value_type: f.integer ? 'int' : 'float' };
      if (f.minimum !== undefined) w.min = f.minimum;
      if (f.exclusiveMinimum !== undefined) w.min = f.exclusiveMinimum + (f.integer ? 1 : 0);
      return w;
    }
    case 'date':
      return { ...base, widget: 'datetime', format: 'YYYY-MM-DD', time_format: false, picker_utc: true };
    case 'datetime':
      // A wall-clock time; the session's `timezone` field says where.
      return { ...base, widget: 'datetime', format: 'YYYY-MM-DDTHH:mm', picker_utc: true };
    case 'list': {
      if (f.item.kind === 'string' && (f.source === 'articles' || f.source === 'trees' || f.source === 'categories')) {
        return { ...base, widget: 'select', multiple: true, options: choices[f.source] };
      }
      if (f.item.kind === 'object') return { ...base, widget: 'list', fields: f.item.fields.map((x) => widget(x, labels, choices)) };
      const w: Obj = { ...base, widget: 'list', field: { ...widget({ ...f.item, name: f.name }, labels, choices), required: true } };
      if (f.minItems) w.min = f.minItems;
      return w;
    }
    case 'object':
      return { ...base, widget: 'object', fields: f.fields.map((x) => widget(x, labels, choices)) };
    case 'variant':
      // Exactly one of the variants' keys (e.g. `mail` or `url`); the schema check in CI enforces "exactly one".
      return {
        ...base,
        widget: 'object',
        fields: f.variants
          .flatMap((v) => (v.kind === 'object' ? v.fields : []))
          .map((x) => ({ ...widget(x, labels, choices), required: false })),
      };
  }
}

/** The body template of a new entry: the KCS sections for problem articles, as `kb new` writes them. */
export function templateBody(collection: 'articles' | 'training', lang: Locale): string {
  return readEntry(
    scaffold({
      kind: collection === 'articles' ? 'article' : 'training',
      title: 'x',
      owner: 'x',
      lang,
      category: 'x',
      team: 'x',
      today: new Date(0),
    }).content,
  ).body;
}

export interface TeamConfigInput {
  fields: Record<CollectionName, EditorField[]>;
  choices: EditorChoices;
  labels: Record<Locale, Labels>;
  editor: EditorConfig | undefined;
  locale: Locale;
  /** Site URL, for links from entries to their pages. */
  site: string;
}

/** The Sveltia CMS configuration (Decap-compatible keys where Decap has them). */
export function sveltiaConfig(i: TeamConfigInput): Obj {
  const l = i.labels[i.locale];
  const content = i.editor?.contentPath ?? 'content';
  const extra = (name: string) => ({ name, label: l.fields[name] ?? name });
  const hidden = { name: SOURCE_FIELD, widget: 'hidden' };
  const fieldsOf = (c: 'articles' | 'training', lang?: Locale) => [
    ...i.fields[c].map((f) => {
      const w = widget(f, l, i.choices);
      if (f.name === 'lang' && lang) return { ...w, default: lang };
      if (f.name === 'type' && c === 'articles') return { ...w, default: 'problem' };
      if (f.name === 'confidence') return { ...w, default: 'wip' };
      return w;
    }),
    { ...extra('body'), widget: 'text', required: true, default: templateBody(c, lang ?? i.locale), hint: l.ui.bodyHint },
    hidden,
  ];
  const articleCollections = (['de', 'en'] as const).flatMap((lang) => [
    {
      name: `articles-${lang}`,
      label: `${l.ui.articles} (${lang})`,
      folder: `${content}/articles/${lang}`,
      extension: 'mdx',
      format: MDX_FORMATS.articles,
      create: true,
      identifier_field: 'title',
      summary: '{{title}} · {{confidence}}',
      sortable_fields: ['title', 'reviewed', 'confidence'],
      preview_path: `${lang === 'de' ? '' : 'en/'}${lang === 'de' ? 'artikel' : 'articles'}/{{slug}}/`,
      fields: fieldsOf('articles', lang),
    },
    {
      // The import queue: drafts (`confidence: wip`) to finish and validate.
      name: `drafts-${lang}`,
      label: `${l.ui.drafts} (${lang})`,
      description: l.ui.draftsLead,
      folder: `${content}/articles/${lang}`,
      extension: 'mdx',
      format: MDX_FORMATS.articles,
      create: false,
      filter: { field: 'confidence', value: 'wip' },
      identifier_field: 'title',
      fields: fieldsOf('articles', lang),
    },
  ]);
  const e = i.editor;
  const backend: Obj = e
    ? {
        name: e.backend,
        repo: e.repo,
        branch: e.branch,
        ...(e.apiRoot ? { api_root: e.apiRoot } : {}),
        ...(e.baseUrl ? { base_url: e.baseUrl } : {}),
        ...(e.appId ? { app_id: e.appId, auth_type: 'pkce' } : {}),
        commit_messages: {
          create: 'Add {{collection}} “{{slug}}” (editor)',
          update: 'Update {{collection}} “{{slug}}” (editor)',
          delete: 'Delete {{collection}} “{{slug}}” (editor)',
        },
      }
    : { name: 'test-repo' };
  return {
    load_config_file: false,
    backend,
    // Sveltia's editorial workflow (branch + merge request per change) exists for GitHub and GitLab.
    ...(e && e.editorialWorkflow && e.backend !== 'gitea' ? { publish_mode: 'editorial_workflow' } : {}),
    site_url: i.site,
    media_folder: 'public/schulungen/material',
    public_folder: '/schulungen/material',
    output: { omit_empty_optional_fields: true },
    collections: [
      ...articleCollections,
      {
        name: 'training',
        label: l.ui.training,
        folder: `${content}/training`,
        extension: 'mdx',
        format: MDX_FORMATS.training,
        create: true,
        identifier_field: 'title',
        fields: fieldsOf('training'),
      },
      {
        name: 'categories',
        label: l.ui.categories,
        files: [
          {
            name: 'categories',
            label: l.ui.categories,
            file: `${content}/categories.yaml`,
            format: LIST_FORMAT,
            fields: [
              { name: 'items', label: l.ui.categories, widget: 'list', fields: i.fields.categories.map((f) => widget(f, l, i.choices)) },
              hidden,
            ],
          },
        ],
      },
    ],
  };
}

/** Values the CMS adds for fields the file did not have (empty lists, defaults) are left out again. */
export function dropAdded(original: unknown, next: unknown, fields: readonly EditorField[]): unknown {
  if (typeof next !== 'object' || next === null || Array.isArray(next)) return next;
  const o = (typeof original === 'object' && original !== null && !Array.isArray(original) ? original : {}) as Obj;
  const out: Obj = {};
  for (const [k, v] of Object.entries(next as Obj)) {
    const f = fields.find((x) => x.name === k);
    if (!(k in o)) {
      const empty =
        v === undefined ||
        v === null ||
        v === '' ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.values(v).every((x) => x === undefined || x === null || x === '' || (Array.isArray(x) && !x.length)));
      if (empty || (f?.default !== undefined && deepEqual(f.default, v))) continue;
    }
    if (f?.kind === 'object') out[k] = dropAdded(o[k], v, f.fields);
    else if (f?.kind === 'list' && f.item.kind === 'object' && Array.isArray(v)) {
      const item = f.item;
      out[k] = v.map((x, idx) => dropAdded(Array.isArray(o[k]) ? (o[k] as unknown[])[idx] : undefined, x, item.fields));
    } else if (typeof o[k] === 'string' && Array.isArray(v) && v.length === 1 && v[0] === o[k])
      out[k] = o[k]; // `os: "Windows 11"` stays a string
    else out[k] = v;
  }
  return out;
}

/** `fromFile` of the MDX format: the frontmatter fields, the body, and the original text. */
export function mdxFromFile(text: string): Obj {
  const e = readEntry(text);
  return { ...e.data, body: e.body, [SOURCE_FIELD]: text };
}

/** `toFile` of the MDX format: the original text patched to the entry's data (a template for new entries). */
export function mdxToFile(data: Obj, fields: readonly EditorField[], collection: 'articles' | 'training'): string {
  const { body, [SOURCE_FIELD]: source, ...rest } = data;
  const lang: Locale = rest.lang === 'en' ? 'en' : 'de';
  const base =
    typeof source === 'string' && source
      ? source
      : scaffold({
          kind: collection === 'articles' ? 'article' : 'training',
          title: 'x',
          owner: 'x',
          lang,
          category: 'x',
          team: 'x',
          today: new Date(0),
        }).content;
  const originalEntry = readEntry(base);
  const next = typeof source === 'string' && source ? dropAdded(originalEntry.data, rest, fields) : rest;
  return writeEntry(base, { data: next as Obj, body: keepBodyEdges(originalEntry.body, typeof body === 'string' ? body : '') });
}

/** The CMS trims text fields: the blank line after the frontmatter and the final newline come back. */
export function keepBodyEdges(original: string, body: string): string {
  if (body !== body.trim()) return body;
  const lead = /^\s*/.exec(original)![0];
  const trail = /\s*$/.exec(original)![0];
  return lead + body + (body ? trail : '');
}

/** `fromFile`/`toFile` of categories.yaml (a list at the root, which the CMS wants inside a field). */
export function listFromFile(text: string): Obj {
  return { items: readYamlData(text), [SOURCE_FIELD]: text };
}
export function listToFile(data: Obj, fields: readonly EditorField[]): string {
  const source = typeof data[SOURCE_FIELD] === 'string' ? (data[SOURCE_FIELD] as string) : '[]\n';
  const original = readYamlData(source);
  const items = Array.isArray(data.items) ? data.items : [];
  const next = items.map((x, i) => dropAdded(Array.isArray(original) ? original[i] : undefined, x, fields));
  return patchYaml(source, next);
}

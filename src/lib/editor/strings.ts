/**
 * The editor's UI strings for one locale, taken from src/i18n (keys `editor.*`); field labels are
 * `editor.field.<name>` for every field name of the generated field model.
 */
import { editorFields, fieldPaths } from './fields.ts';

export const EDITOR_UI_KEYS = [
  'title',
  'lead',
  'nav',
  'articles',
  'drafts',
  'draftsLead',
  'training',
  'categories',
  'trees',
  'newArticle',
  'newTraining',
  'filter',
  'save',
  'saved',
  'savedCommit',
  'unchanged',
  'notSaved',
  'problems',
  'preview',
  'previewTitle',
  'add',
  'remove',
  'addSession',
  'cancelSession',
  'sessionCancelled',
  'readOnly',
  'openFlowchart',
  'openPage',
  'body',
  'bodyHint',
  'empty',
  'choose',
  'selectEntry',
  'variant',
  'newEntry',
  'invalidField',
  'language',
  'conflict',
] as const;

/** Every field name of every collection, plus the body. */
export function fieldNames(): string[] {
  const all = Object.values(editorFields()).flatMap((fields) => fieldPaths(fields));
  return [...new Set(all.map((p) => p.split('.').pop()!).filter((n) => n !== '*')), 'body'].sort();
}

/** A translation function over the site's string keys (src/i18n's `useTranslations`). */
type Translate = (key: never) => string;

export function editorStrings(t: Translate) {
  const get = (key: string) => {
    const text = (t as (key: string) => string)(key);
    if (typeof text !== 'string' || !text) throw new Error(`src/i18n: missing UI string "${key}"`);
    return text;
  };
  return {
    ui: { ...Object.fromEntries(EDITOR_UI_KEYS.map((k) => [k, get(`editor.${k}`)])), skipLink: get('skipLink') } as Record<
      (typeof EDITOR_UI_KEYS)[number] | 'skipLink',
      string
    >,
    fields: Object.fromEntries(fieldNames().map((n) => [n, get(`editor.field.${n}`)])),
    /** Enum values with their site labels where the site has them. */
    values: Object.fromEntries(
      [
        'type.problem',
        'type.howto',
        'type.information',
        'type.diagnostic',
        'audience.employee',
        'audience.first-level',
        'audience.second-level',
        'confidence.wip',
        'confidence.not-validated',
        'confidence.validated',
        'confidence.archived',
      ].map((k) => [k, get(k)]),
    ),
  };
}

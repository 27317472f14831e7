/**
 * The search vocabulary (content/synonyms.yaml): validation with file, line and term in every
 * problem, and the compact form the search worker loads (`/pagefind/kb/synonyms.json`).
 * Pure apart from `readSynonyms`, which reads the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { synonymEntrySchema, type SynonymsFile } from '../schemas/synonyms.ts';
import { LOCALES, type Locale } from '../schemas/vocabulary.ts';
import type { ContentProblem } from './problems.ts';
import { EMPTY_SYNONYMS, normalizeTerm, type SynonymData } from './synonym-data.ts';

export { EMPTY_SYNONYMS, normalizeTerm, type SynonymData };

export interface ParsedSynonyms {
  data: SynonymData;
  problems: ContentProblem[];
}

/**
 * Validates a synonyms file. Every problem names the file, the entry (`de[12]`), its line and the
 * term: an empty or malformed entry, a term listed twice, a term in two groups (which would
 * silently merge two meanings), a one-way expansion declared twice.
 */
export function parseSynonyms(file: string, source: string): ParsedSynonyms {
  const problems: ContentProblem[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const data: SynonymData = { de: { groups: [], expansions: {} }, en: { groups: [], expansions: {} } };
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const err = (field: string, message: string, line: number | undefined) =>
    problems.push({ file, field, message, severity: 'error', ...(line ? { line } : {}) });
  for (const e of doc.errors) err('(yaml)', e.message.split('\n')[0]!, e.linePos?.[0]?.line);
  if (doc.errors.length) return { data, problems };
  const root = doc.contents;
  if (root === null || root === undefined) return { data, problems };
  if (!isMap(root)) {
    err('(file)', 'expected a mapping with the languages `de:` and `en:`', lineOf(root as Node));
    return { data, problems };
  }
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    if (!(LOCALES as readonly string[]).includes(key)) {
      err(key, `unknown language "${key}"; expected ${LOCALES.join(' or ')}`, lineOf(pair.key as Node));
      continue;
    }
    const lang = key as Locale;
    const list = pair.value as Node | null;
    if (list === null || list === undefined) continue;
    if (!isSeq(list)) {
      err(lang, 'expected a list of entries', lineOf(list));
      continue;
    }
    /** term → where it was first listed */
    const inGroup = new Map<string, { field: string; line: number | undefined }>();
    const expanded = new Map<string, { field: string; line: number | undefined }>();
    list.items.forEach((item, i) => {
      const field = `${lang}[${i}]`;
      const line = lineOf(item as Node);
      const parsed = synonymEntrySchema.safeParse((item as Node | null)?.toJSON?.() ?? item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const detail =
          issue.code === 'invalid_union'
            ? 'an entry is a list of equivalent terms `[a, b]` or a one-way expansion `{ term: a, adds: [b] }`'
            : issue.message;
        const raw = (item as Node | null)?.toJSON?.() ?? item;
        const bad = Array.isArray(raw) && typeof issue.path[0] === 'number' ? ` (term ${JSON.stringify(raw[issue.path[0]])})` : '';
        err(issue.path.length ? `${field}.${issue.path.join('.')}` : field, `${detail}${bad}`, line);
        return;
      }
      const entry = parsed.data;
      if (Array.isArray(entry)) {
        const terms: string[] = [];
        for (const t of entry.map(normalizeTerm)) {
          if (terms.includes(t)) {
            err(field, `term "${t}" is listed twice in this group`, line);
            continue;
          }
          const earlier = inGroup.get(t);
          if (earlier) {
            err(
              field,
              `term "${t}" is also in the group ${earlier.field} (line ${earlier.line}); a term belongs to one group — merge the groups or use a one-way expansion`,
              line,
            );
            continue;
          }
          inGroup.set(t, { field, line });
          terms.push(t);
        }
        if (terms.length >= 2) data[lang].groups.push(terms);
      } else {
        const term = normalizeTerm(entry.term);
        const earlier = expanded.get(term);
        if (earlier) {
          err(
            field,
            `term "${term}" already has a one-way expansion at ${earlier.field} (line ${earlier.line}); list all its terms in one \`adds\``,
            line,
          );
          return;
        }
        expanded.set(term, { field, line });
        const adds = [...new Set(entry.adds.map(normalizeTerm))].filter((t) => t !== term);
        if (!adds.length) err(field, `term "${term}" only adds itself`, line);
        else data[lang].expansions[term] = adds;
      }
    });
  }
  return { data, problems };
}

/** content/synonyms.yaml of a content folder; a KB without the file has no synonyms. */
export function readSynonyms(contentRoot: string): ParsedSynonyms & { file: string } {
  const file = join(contentRoot, 'synonyms.yaml');
  if (!existsSync(file)) return { file, data: EMPTY_SYNONYMS, problems: [] };
  return { file, ...parseSynonyms(file, readFileSync(file, 'utf8')) };
}

/** Every single-word term of a language: the parts the compound splitter knows. */
export function synonymWords(data: SynonymData, lang: Locale): string[] {
  const d = data[lang];
  const all = [...d.groups.flat(), ...Object.keys(d.expansions), ...Object.values(d.expansions).flat()];
  return [...new Set(all.filter((t) => /^[\p{L}]+$/u.test(t)))];
}

// Keep the schema type reachable for callers that validate a whole file at once.
export type { SynonymsFile };

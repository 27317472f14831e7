/**
 * The compiled search vocabulary as the search worker loads it (`/pagefind/kb/synonyms.json`).
 * No imports: the worker bundles this file, not the YAML parser or the schemas (src/lib/synonyms.ts).
 */

/** Per language: equivalence groups and one-way expansions, terms normalized (lower case). */
export type SynonymData = Record<'de' | 'en', { groups: string[][]; expansions: Record<string, string[]> }>;

export const EMPTY_SYNONYMS: SynonymData = { de: { groups: [], expansions: {} }, en: { groups: [], expansions: {} } };

/** How a term is compared: lower case, NFC, single spaces. */
export function normalizeTerm(term: string): string {
  return term.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
}

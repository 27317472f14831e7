/**
 * The import as named steps, each a small pure function: read → map → validate → redact → match
 * → draft → write. `run.ts` strings them together and does the I/O at the edges.
 */
import {
  escalationSchema,
  type Escalation,
  type EscalationInput,
  type ImportMapping,
  type ImportSettings,
} from '../../schemas/escalation.ts';
import type { Category } from '../../schemas/category.ts';
import { parseTreeMarker } from '../trees.ts';
import type { Adapter, Mapped, MapContext } from './adapters/index.ts';
import { cleanTitle } from './names.ts';
import { normalizeText, type Redactor } from './redact.ts';

/** map: one raw record of an adapter to an escalation, a skip or a reject. */
export const mapStep = (adapter: Adapter, raw: Record<string, unknown>, ctx: MapContext): Mapped => adapter.map(raw, ctx);

export type Validated = { ok: true; escalation: Escalation } | { ok: false; id: string; reason: string };

/**
 * validate: text normalised (NFC, no bidi/zero-width characters), the title cleaned (a title that
 * is empty after cleaning falls back to the first words of the problem), then the schema.
 */
export function validateStep(input: EscalationInput): Validated {
  const n = (s: string | undefined) => (s === undefined ? undefined : normalizeText(s));
  let title = cleanTitle(input.title ?? '');
  const problem = n(input.problem) ?? '';
  if (!title) title = cleanTitle(problem.replace(/[\u0001\u0002]/g, '').split(/[.!?\n]/)[0] ?? '').slice(0, 80);
  // A title longer than the record schema allows is cut (the draft title is cut further, with "…").
  if ([...title].length > 300) title = [...title].slice(0, 300).join('').trimEnd();
  const candidate = {
    ...input,
    id: normalizeText(String(input.id ?? '')).trim(),
    title,
    problem,
    resolution: n(input.resolution) ?? '',
    cause: n(input.cause),
    category: n(input.category),
    team: n(input.team),
    environment: (input.environment ?? []).map((e) => normalizeText(e)),
  };
  const parsed = escalationSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, id: candidate.id, reason: `${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  return { ok: true, escalation: parsed.data };
}

/** redact: every text field through the export's redactor; the tree marker read before (it has no personal data). */
export function redactStep(esc: Escalation, redactor: Redactor): Escalation {
  const marker = parseTreeMarker(`${esc.problem}\n${esc.resolution}`);
  const red = (s: string) => redactor.redact(s);
  return {
    ...esc,
    title: cleanTitle(red(esc.title)),
    problem: red(esc.problem),
    cause: red(esc.cause),
    resolution: red(esc.resolution),
    environment: esc.environment.map(red),
    category: red(esc.category),
    team: red(esc.team),
    ...(esc.treeMarker || marker ? { treeMarker: esc.treeMarker ?? `${marker!.tree}@${marker!.version}#${marker!.node}` } : {}),
  };
}

/** The key of a ticket in links.json. */
export const ticketKey = (esc: Pick<Escalation, 'system' | 'id'>) => `${esc.system}:${esc.id}`;

/** A keyword of import.yaml as a test: `/regex/` or a case-insensitive substring. */
function keywordTest(k: string): (text: string) => boolean {
  const m = /^\/(.+)\/([a-z]*)$/.exec(k);
  if (m) {
    const re = new RegExp(m[1]!, m[2]!.includes('i') ? m[2]! : `${m[2]!}i`);
    return (t) => re.test(t);
  }
  const lower = k.toLowerCase();
  return (t) => t.toLowerCase().includes(lower);
}
const keywordCache = new WeakMap<object, [string, (t: string) => boolean][]>();

/** KB category for a ticket category path and title: explicit mapping, labels, keywords (import.yaml), then a fallback. */
export function kbCategory(
  ticketCategory: string,
  title: string,
  categories: readonly Category[],
  settings: Pick<ImportSettings, 'categoryKeywords'>,
  mapping?: ImportMapping,
): string {
  const ids = new Set(categories.map((c) => c.id));
  const mapped = mapping?.categories[ticketCategory];
  if (mapped && ids.has(mapped)) return mapped;
  let keywords = keywordCache.get(settings.categoryKeywords);
  if (!keywords) {
    keywords = Object.entries(settings.categoryKeywords).flatMap(([id, words]) =>
      words.map((w) => [id, keywordTest(w)] as [string, (t: string) => boolean]),
    );
    keywordCache.set(settings.categoryKeywords, keywords);
  }
  for (const text of [ticketCategory, title]) {
    const lower = text.toLowerCase();
    const byLabel = categories.find(
      (c) => lower.includes(c.id) || lower.includes(c.label.de.toLowerCase()) || (c.label.en && lower.includes(c.label.en.toLowerCase())),
    );
    if (byLabel) return byLabel.id;
    const hit = keywords.find(([id, test]) => ids.has(id) && test(text));
    if (hit) return hit[0];
  }
  return ids.has('service') ? 'service' : categories[0]!.id;
}

/**
 * Search-term proposals from escalations (issue: employees' words in the index). When the
 * importer links a ticket to an existing article, the words of the ticket's short description
 * that the article lacks are counted for that article in `content/escalations/keywords.json`.
 * A word is kept readable only once `minTickets` tickets used it; before that only a short hash
 * is counted, so no word of a single ticket is ever written. Second level accepts a proposal
 * (`kb keywords accept`, which adds it to the article's `keywords`) or dismisses it; nothing
 * reaches the search index before a person accepted it.
 */
import { createHash } from 'node:crypto';
import type { KeywordState } from '../../schemas/escalation.ts';
import { sortedJson } from './state.ts';
import { readEntry, writeEntry } from '../editor/patch.ts';
import { articleWords, ticketWords } from '../search-engine.ts';

export const MIN_TICKETS = 2;
/** Readable terms kept per article (the most used); pending hashes per article. */
const MAX_TERMS = 50;
const MAX_PENDING = 500;

/** A 16-hex-digit hash of a word (not reversible for a reader of the file; salt: the article id). */
export function wordHash(article: string, word: string): string {
  return createHash('sha256').update(`${article}\u0000${word}`).digest('hex').slice(0, 16);
}

export interface ArticleText {
  id: string;
  /** Title, summary, body, tags and keywords: the words the article already has. */
  text: string;
}

/** What an article already says (its words are not proposed): title, summary, tags, keywords, error codes, body. */
export function articleText(a: {
  id: string;
  body: string;
  data: { title: string; summary: string; tags: readonly string[]; keywords?: readonly string[]; errorCodes?: readonly string[] };
}): ArticleText {
  return {
    id: a.id,
    text: [a.data.title, a.data.summary, ...a.data.tags, ...(a.data.keywords ?? []), ...(a.data.errorCodes ?? []), a.body].join('\n'),
  };
}

/** Counts the words of one linked ticket's short description for its article (mutates `state`). */
export function countTicket(state: KeywordState, article: ArticleText, description: string, minTickets = MIN_TICKETS): void {
  const entry = (state[article.id] ??= { terms: {}, pending: {}, dismissed: [] });
  const dismissed = new Set(entry.dismissed);
  for (const word of ticketWords(description, articleWords(article.text))) {
    if (dismissed.has(word)) continue;
    if (entry.terms[word] !== undefined) {
      entry.terms[word]++;
      continue;
    }
    const h = wordHash(article.id, word);
    const n = (entry.pending[h] ?? 0) + 1;
    if (n >= minTickets) {
      delete entry.pending[h];
      entry.terms[word] = n;
    } else entry.pending[h] = n;
  }
  trim(entry);
}

function trim(entry: KeywordState[string]): void {
  const terms = Object.entries(entry.terms);
  if (terms.length > MAX_TERMS)
    entry.terms = Object.fromEntries(terms.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_TERMS));
  const pending = Object.entries(entry.pending);
  if (pending.length > MAX_PENDING) entry.pending = Object.fromEntries(pending.sort((a, b) => b[1] - a[1]).slice(0, MAX_PENDING));
}

export interface Proposal {
  article: string;
  terms: { term: string; tickets: number }[];
}

/**
 * The open proposals: readable terms the article still lacks (an accepted term is in its
 * `keywords`, so it drops out by itself), not dismissed, most used first; articles that no
 * longer exist (`article` gives undefined) are left out. Only the articles with proposals are
 * looked up, whatever the size of the KB.
 */
export function openProposals(state: KeywordState, article: (id: string) => ArticleText | undefined, limit = 8): Proposal[] {
  const out: Proposal[] = [];
  for (const [id, entry] of Object.entries(state).sort(([a], [b]) => a.localeCompare(b))) {
    const found = article(id);
    if (!found) continue;
    const present = articleWords(found.text);
    const dismissed = new Set(entry.dismissed);
    const terms = Object.entries(entry.terms)
      .filter(([t]) => !present.has(t) && !dismissed.has(t))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([term, tickets]) => ({ term, tickets }));
    if (terms.length) out.push({ article: id, terms });
  }
  return out;
}

/** The proposals as console lines: the terms with their ticket counts, then the accept command. */
export function proposalLines(proposals: readonly Proposal[], indent = ''): string[] {
  return proposals.flatMap((p) => [
    `${indent}${p.article}: ${p.terms.map((t) => `${t.term} (${t.tickets})`).join(', ')}`,
    `${indent}  ${acceptCommand(
      p.article,
      p.terms.map((t) => t.term),
    )}`,
  ]);
}

/** Marks terms as dismissed for an article (they are not proposed again); returns the unknown ones. */
export function dismiss(state: KeywordState, article: string, terms: readonly string[]): string[] {
  const entry = state[article];
  const unknown = terms.filter((t) => !entry?.terms[t]);
  if (entry) {
    entry.dismissed = [...new Set([...entry.dismissed, ...terms.filter((t) => entry.terms[t])])].sort();
    for (const t of terms) delete entry.terms[t];
  }
  return unknown;
}

/** The `kb` command that accepts proposals for an article (shown on the escalations page and in the import output). */
export function acceptCommand(article: string, terms: readonly string[]): string {
  return `npm run kb -- keywords accept ${article} ${terms.map((t) => (/^[\p{L}\p{N}-]+$/u.test(t) ? t : `'${t.replace(/'/g, `'\\''`)}'`)).join(' ')}`;
}

/** The MDX source with `terms` added to its frontmatter `keywords` (formatting kept; none twice). */
export function withKeywords(source: string, terms: readonly string[]): string {
  const entry = readEntry(source);
  const current = Array.isArray(entry.data.keywords) ? entry.data.keywords.map(String) : [];
  const lower = new Set(current.map((k) => k.toLowerCase()));
  const added = terms.filter((t) => !lower.has(t.toLowerCase()) && lower.add(t.toLowerCase()));
  if (!added.length) return source;
  return writeEntry(source, { data: { ...entry.data, keywords: [...current, ...added] }, body: entry.body });
}

export interface KeywordCommandResult {
  /** Lines for the console. */
  lines: string[];
  /** Files to write (absolute path → content); the caller writes them. */
  writes: Map<string, string>;
  status: number;
}

/**
 * `kb keywords [list]`, `kb keywords accept <article> <term…>`, `kb keywords dismiss <article>
 * <term…>` over the KB on disk: the CLI only prints and writes what this returns.
 */
export function keywordCommand(
  state: KeywordState,
  stateFile: string,
  articles: readonly { id: string; file: string; source: string; text: string }[],
  args: readonly string[],
): KeywordCommandResult {
  const [action = 'list', article, ...terms] = args;
  const writes = new Map<string, string>();
  const byId = new Map(articles.map((a) => [a.id, a]));
  if (action === 'list') {
    const open = openProposals(state, (id) => byId.get(id));
    if (!open.length) return { lines: ['No open keyword proposals (kb import proposes them from linked tickets).'], writes, status: 0 };
    return { lines: proposalLines(open), writes, status: 0 };
  }
  if (action !== 'accept' && action !== 'dismiss')
    return { lines: [`kb keywords: unknown action "${action}" (list, accept or dismiss)`], writes, status: 2 };
  const target = article === undefined ? undefined : byId.get(article);
  if (!article || !target) return { lines: [`kb keywords ${action}: no article "${article ?? ''}"`], writes, status: 2 };
  const clean = terms.map((t) => t.trim()).filter((t) => t.length >= 2 && t.length <= 60 && !/[\n\r]/.test(t));
  if (!clean.length) return { lines: [`kb keywords ${action}: name at least one term`], writes, status: 2 };
  if (action === 'accept') {
    const next = withKeywords(target.source, clean);
    if (next === target.source) return { lines: [`${target.file}: already has ${clean.join(', ')}`], writes, status: 0 };
    writes.set(target.file, next);
    return { lines: [`${target.file}: keywords + ${clean.join(', ')} (review and commit the change)`], writes, status: 0 };
  }
  const unknown = dismiss(state, article, clean);
  writes.set(stateFile, sortedJson(state));
  return {
    lines: [
      `dismissed for ${article}: ${clean.filter((t) => !unknown.includes(t)).join(', ') || '–'}`,
      ...(unknown.length ? [`not proposed for ${article}: ${unknown.join(', ')}`] : []),
    ],
    writes,
    status: 0,
  };
}

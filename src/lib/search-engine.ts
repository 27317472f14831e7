/**
 * How a query becomes results, over any engine that searches one word at a time (Pagefind in the
 * search worker, a table in the unit tests). Pure TypeScript, no DOM.
 *
 * - The query is cut to words; filler words ("mein", "geht", "the") are left out.
 * - Each word searches for itself, its synonyms (content/synonyms.yaml, lower weight, so exact
 *   matches rank first) and, for a German compound, its parts together ("Netzwerkdrucker" →
 *   "Netzwerk" + "Drucker").
 * - Pages that match every word rank by the sum of their scores. When no page holds all words,
 *   the pages with the most of them come back, labelled with the words they match.
 * - A word the index does not know at all is corrected from the index's own vocabulary
 *   (edit distance 1, or 2 for long words), and the correction is reported.
 * - Training modules rank below articles and trees unless the query asks for training.
 */
import { normalizeTerm, type SynonymData } from './synonym-data.ts';

export interface Hit {
  id: string;
  score: number;
}
/** Searches one word (or one code, `0x0000011b`) and returns every page that contains it. */
export type WordSearch = (word: string) => Promise<Hit[]>;

export const MAX_QUERY_LENGTH = 200;
export const MAX_WORDS = 8;
/** Synonyms searched per word: each loads index parts of both languages. */
export const MAX_ALTERNATIVES = 6;
/**
 * Synonyms also searched as words, besides the group's token. Measured at 10,000 articles
 * (`drucker`, search page): 0 → +10 % bytes over plain Pagefind, 1 → +22 %, 2 → +26 %; on the
 * sample KB 2 gains about 0.01 hit@1. Kept at 0 for the budget of +20 %.
 */
export const EXPLICIT_ALTERNATIVES = 0;

const STOPWORDS = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber im in am an ab auf aus bei mit nach von vom zu zum zur für fuer über ' +
    'ich mein meine meinen meinem meiner mir mich wir uns sie ihr ihre es er man du dein deine ist sind war wird werden wurde bin hat habe haben ' +
    'kann können kein keine keinen nicht nichts mehr noch schon immer wieder sehr so wie was wo wer warum wann ob dass da hier jetzt ' +
    'geht gehen ging bitte hilfe problem probleme mal auch nur ganz total extrem ständig einfach richtig ' +
    'will wollen möchte möchten soll sollte muss müssen lässt sich seit heute gerade dauernd andauernd plötzlich ' +
    'funktioniert funktionieren klappt tut läuft work works working ' +
    'the a an and or of to in on at for from with by is are was be been it its my me i we our you your this that these there here ' +
    "not no can can't cannot cant won't wont doesn't dont don't does do did how what why when where which who keeps keep again still " +
    'please help issue issues problem problems very really just any some'
  ).split(/\s+/),
);

/** Particles of German separable verbs (`bricht … ab`, `kommt … zurück`, `stürzt … ab`). */
const PARTICLES = new Set(['ab', 'an', 'auf', 'aus', 'ein', 'mit', 'nach', 'vor', 'weg', 'zu', 'zurück', 'fest', 'hoch', 'raus', 'rein']);

/** Whether a word is filler the search leaves out (`mein`, `probleme`, `the`). */
export const isFiller = (word: string) => STOPWORDS.has(word);

/** Words that ask for a training module rather than a fix. */
const TRAINING_WORDS =
  /^(schulung|schulungen|training|trainings|kurs|kurse|course|courses|lernen|lernmodul|e-learning|weiterbildung|module)$/;

/** Whether a query's words ask for training (then training modules are not ranked down). */
export const asksForTraining = (words: readonly string[]) => words.some((u) => u.split(' ').some((w) => TRAINING_WORDS.test(w)));

export interface Unit {
  /** The words as typed (normalized), e.g. `drucker` or `laufwerk c`. */
  text: string;
  /** Filler ("mein", "geht nicht"): left out unless the query has nothing else. */
  optional: boolean;
}

/** The words of a query: lower case, trimmed of punctuation, known multi-word terms kept together. */
export function queryUnits(q: string, known: ReadonlySet<string> = new Set()): Unit[] {
  const tokens = normalizeTerm(q.slice(0, MAX_QUERY_LENGTH))
    .split(' ')
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t.length > 0 && t.length <= 60);
  // German separable verbs: "WLAN bricht ständig ab" has the known term "bricht ab" with a word
  // between; the particle moves back next to its verb.
  for (let j = tokens.length - 1; j > 0; j--) {
    if (!PARTICLES.has(tokens[j]!)) continue;
    for (let i = j - 2; i >= Math.max(0, j - 4); i--) {
      if (known.has(`${tokens[i]} ${tokens[j]}`)) {
        tokens.splice(i + 1, 0, ...tokens.splice(j, 1));
        break;
      }
    }
  }
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length && units.length < MAX_WORDS * 2;) {
    let n = Math.min(3, tokens.length - i);
    while (n > 1 && !known.has(tokens.slice(i, i + n).join(' '))) n--;
    const words = tokens.slice(i, i + n);
    units.push({ text: words.join(' '), optional: words.every((w) => STOPWORDS.has(w)) });
    i += n;
  }
  const seen = new Set<string>();
  const unique = units.filter((u) => !seen.has(u.text) && seen.add(u.text));
  // Only filler words: search them after all.
  if (unique.every((u) => u.optional)) return unique.slice(0, MAX_WORDS).map((u) => ({ ...u, optional: false }));
  // Filler is not searched at all: it is on every page and would only cost index downloads.
  return unique.filter((u) => !u.optional).slice(0, MAX_WORDS);
}

/** Synonym lookup for one language: term → terms it also finds, with weights. */
export interface Vocabulary {
  /** Every term (all words of all entries): the multi-word terms `queryUnits` keeps together. */
  terms: Set<string>;
  alternatives(term: string): { term: string; weight: number }[];
  /**
   * The index-time tokens that stand for the groups (and one-way expansions) `term` belongs to:
   * one search finds every page with any word of the group (see `synonymTokens`).
   */
  tokens(term: string): { term: string; weight: number }[];
  /** Single words the compound splitter knows. */
  words: Set<string>;
}

/** The token that marks a page as using a word of a group: its first term + `qx`, ASCII (short: every page carries dozens). */
export function groupToken(first: string): string {
  const ascii = first
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
  return `${ascii}qx`;
}
/** The token of a one-way expansion: its term + `qz`. */
export const expansionToken = (term: string) => groupToken(term).replace(/qx$/, 'qz');

/** Which groups' tokens a page of `lang` carries: English pages also the German groups (which hold the English words). */
const indexLanguages = (lang: 'de' | 'en'): ('de' | 'en')[] => (lang === 'de' ? ['de'] : ['en', 'de']);

const detectors = new WeakMap<SynonymData, Map<string, Map<string, Set<string>>>>();

/** term → tokens of the groups it is in and of the expansions that add it, per page language. */
function termTokens(data: SynonymData, lang: 'de' | 'en'): Map<string, Set<string>> {
  let perLang = detectors.get(data);
  if (!perLang) detectors.set(data, (perLang = new Map()));
  let map = perLang.get(lang);
  if (map) return map;
  map = new Map();
  const add = (term: string, token: string) => {
    const set = map!.get(term) ?? new Set<string>();
    set.add(token);
    map!.set(term, set);
  };
  for (const l of indexLanguages(lang)) {
    for (const group of data[l].groups) for (const term of group) add(term, groupToken(group[0]!));
    for (const [term, adds] of Object.entries(data[l].expansions)) for (const t of adds) add(t, expansionToken(term));
  }
  perLang.set(lang, map);
  return map;
}

/**
 * The synonym tokens of a page: for every group (and one-way expansion) whose words the page
 * uses, its token, indexed hidden. A search for any word of the group then costs one index lookup
 * for the token instead of one per synonym. A word counts with an ending (`Druckers`) and, for
 * terms of six letters or more, as the start of a compound (`Druckerwarteschlange`). Bounded.
 */
export function synonymTokens(text: string, data: SynonymData, lang: 'de' | 'en', limit = 80): string[] {
  return [...synonymTokenCounts(text, data, lang, limit).keys()];
}

/** Like `synonymTokens`, with how often the page uses words of each group. */
export function synonymTokenCounts(text: string, data: SynonymData, lang: 'de' | 'en', limit = 80): Map<string, number> {
  const map = termTokens(data, lang);
  const found = new Map<string, number>();
  if (!map.size) return found;
  const words = normalizeTerm(text)
    .split(' ')
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  const take = (term: string, times = 1) => {
    for (const t of map.get(term) ?? []) if (found.size < limit || found.has(t)) found.set(t, (found.get(t) ?? 0) + times);
  };
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const [w, times] of counts) {
    for (let n = Math.min(w.length, 40); n >= 2; n--) {
      const prefix = n === w.length ? w : w.slice(0, n);
      if (map.has(prefix) && (n === w.length || n >= 6 || w.length - n <= 2)) take(prefix, times);
    }
  }
  for (let i = 0; i + 1 < words.length; i++) {
    take(`${words[i]} ${words[i + 1]}`);
    if (i + 2 < words.length) take(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  }
  return found;
}

export function vocabulary(data: SynonymData, lang: 'de' | 'en'): Vocabulary {
  const map = new Map<string, Map<string, number>>();
  const tokenMap = new Map<string, Map<string, number>>();
  const addToken = (term: string, token: string, weight: number) => {
    const m = tokenMap.get(term) ?? new Map<string, number>();
    m.set(token, Math.max(m.get(token) ?? 0, weight));
    tokenMap.set(term, m);
  };
  const add = (from: string, to: string, weight: number) => {
    if (from === to) return;
    const m = map.get(from) ?? new Map<string, number>();
    m.set(to, Math.max(m.get(to) ?? 0, weight));
    map.set(from, m);
  };
  // German groups carry the English words bilingual staff type (`Passwort = Password`), so a German
  // page uses them alone; an English page adds them at a lower weight to find German articles.
  const languages: (readonly ['de' | 'en', number])[] =
    lang === 'de'
      ? [['de', 0.8]]
      : [
          ['en', 0.8],
          ['de', 0.75],
        ];
  for (const [l, weight] of languages) {
    for (const group of data[l].groups) {
      for (const a of group) {
        addToken(a, groupToken(group[0]!), weight);
        for (const b of group) add(a, b, weight);
      }
    }
    for (const [term, adds] of Object.entries(data[l].expansions)) {
      addToken(term, expansionToken(term), weight - 0.1);
      for (const t of adds) add(term, t, weight - 0.1);
    }
  }
  const terms = new Set(map.keys());
  for (const m of map.values()) for (const t of m.keys()) terms.add(t);
  const words = new Set([...terms].filter((t) => /^\p{L}{3,}$/u.test(t)));
  return {
    terms,
    words,
    alternatives(term) {
      const direct = map.get(term) ?? map.get(stripEnding(term, terms));
      // The first terms of a group (authors list the common ones first), at most MAX_ALTERNATIVES:
      // each costs the index part it lives in.
      return direct
        ? [...direct]
            .sort((a, b) => b[1] - a[1])
            .slice(0, MAX_ALTERNATIVES)
            .map(([t, weight]) => ({ term: t, weight }))
        : [];
    },
    tokens(term) {
      const direct = tokenMap.get(term) ?? tokenMap.get(stripEnding(term, terms));
      return direct ? [...direct].map(([t, weight]) => ({ term: t, weight })) : [];
    },
  };
}

/** `passworts` → `passwort` when only the shorter form is a known term (plurals, genitive). */
function stripEnding(word: string, known: ReadonlySet<string>): string {
  for (const ending of ['en', 'es', 'n', 's', 'e']) {
    if (word.length > ending.length + 3 && word.endsWith(ending) && known.has(word.slice(0, -ending.length)))
      return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * Splits a German compound into two known words: `netzwerkdrucker` → [netzwerk, drucker],
 * `druckerwarteschlange` → [drucker, warteschlange]; a linking `s` is allowed (`anmeldungsfehler`).
 * Returns undefined when no split into known words exists.
 */
export function splitCompound(word: string, known: ReadonlySet<string>, anyHead = false): [string, string] | undefined {
  if (word.length < 7 || !/^\p{L}+$/u.test(word)) return undefined;
  for (let i = word.length - 3; i >= 3; i--) {
    const tail = word.slice(i);
    if (!known.has(tail)) continue;
    const head = word.slice(0, i);
    if (known.has(head) || (anyHead && head.length >= 4)) return [head, tail];
    if (head.endsWith('s') && known.has(head.slice(0, -1))) return [head.slice(0, -1), tail];
    const stripped = stripEnding(head, known);
    if (stripped !== head) return [stripped, tail];
  }
  return undefined;
}

/**
 * Parts of the compounds in a text that are known words and do not start the compound (a prefix
 * search finds those already): `Druckerwarteschlange` → `warteschlange`. For the index, so a
 * search for a part finds the page that uses only the whole.
 */
export function compoundParts(text: string, known: ReadonlySet<string>, limit = 60): string[] {
  const parts = new Set<string>();
  const words = new Set(normalizeTerm(text).match(/\p{L}{8,}/gu) ?? []);
  for (const word of words) {
    if (parts.size >= limit) break;
    const split = splitCompound(word, known);
    if (split) parts.add(split[1]);
  }
  for (const p of parts) if (words.has(p)) parts.delete(p);
  return [...parts];
}

/**
 * The forms people type for an error code: `0x0000011b` → `0x11b`, `11b`; `AADSTS50076` →
 * `50076`; `0x80070005` → `80070005`; `550 5.7.1` → `550`, `5.7.1`. For the index, with the code itself.
 */
export function codeForms(code: string): string[] {
  const forms = new Set<string>();
  for (const token of normalizeTerm(code).split(/[\s:]+/)) {
    const hex = /^0x0*([0-9a-f]+)$/.exec(token);
    if (hex) {
      forms.add(`0x${hex[1]}`);
      forms.add(hex[1]!);
      forms.add(token.slice(2));
    }
    const prefixed = /^[a-z]{2,}[_-]?(\d{3,})$/.exec(token);
    if (prefixed) forms.add(prefixed[1]!);
    if (/^\d{3,}$/.test(token)) forms.add(token);
    // SMTP status codes and dotted versions: `550 5.7.1` → `5.7.1`.
    if (/^\d+(\.\d+)+$/.test(token)) forms.add(token);
  }
  forms.delete(normalizeTerm(code));
  return [...forms].filter((f) => f.length >= 3);
}

/** Damerau–Levenshtein distance (adjacent swaps count once), stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows[i] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (i > 0 && best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * Whether the index knows `word`: as a word, as the start of a word (Pagefind matches prefixes),
 * or as an inflected form of one (`druckern` of `drucker`). `words` are the index's words with
 * the same first letters.
 */
export function knownWord(word: string, words: readonly string[]): boolean {
  return words.some((w) => w.startsWith(word) || (word.startsWith(w) && w.length >= Math.max(4, word.length - 3)));
}

/**
 * Splits a compound the synonym vocabulary does not know into two words the index has
 * (`onlinearchiv` → `online` + `archiv`, `firmenhandy` → `firmen` + `handy`): the longest tail
 * first, a linking `s` allowed (`anmeldungsproblem`). `words(w)` lists the index's words that
 * start like `w`. Undefined when no split into two indexed words exists.
 */
export async function splitWithIndex(
  word: string,
  words: (w: string) => Promise<readonly string[]>,
): Promise<[string, string] | undefined> {
  if (word.length < 8 || !/^\p{L}+$/u.test(word)) return undefined;
  const has = async (w: string) => (await words(w).catch(() => [] as string[])).includes(w);
  for (let i = 4; i <= word.length - 4; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (!(await has(tail))) continue;
    if (await has(head)) return [head, tail];
    if (head.endsWith('s') && head.length > 4 && (await has(head.slice(0, -1)))) return [head.slice(0, -1), tail];
  }
  return undefined;
}

/** Whether a word can be checked against the index's vocabulary: 4+ letters, nothing else. */
export const checkable = (word: string) => word.length >= 4 && /^\p{L}+$/u.test(word);

/** Vocabulary file for a word's first `letters` letters: `terms/<hex code points>.json`. */
export function termBucket(word: string, letters = 2): string {
  return [...word]
    .slice(0, letters)
    .map((c) => c.codePointAt(0)!.toString(16))
    .join('-');
}

/**
 * The closest word of the index's vocabulary (most frequent first, as `terms.json` lists it):
 * distance 1 for words up to 7 letters, 2 for longer ones; undefined when nothing is that close.
 */
export function correction(word: string, vocabulary: readonly string[]): string | undefined {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of vocabulary) {
    if (candidate === word) return undefined;
    const d = editDistance(word, candidate, max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 1) break;
    }
  }
  return best;
}

export interface RankedPage {
  id: string;
  score: number;
}

export interface EngineAnswer {
  pages: RankedPage[];
  /** `all`: every word matched; `subset`: the best pages for `matched`; `none`: nothing found. */
  mode: 'all' | 'subset' | 'none';
  /** The words the results contain (after corrections), as typed. */
  matched: string[];
  /** Words replaced by a word of the index's vocabulary. */
  corrections: { from: string; to: string }[];
  /** The corrected query, when there was a correction. */
  suggestion?: string | undefined;
}

export interface EngineOptions {
  search: WordSearch;
  vocabulary: Vocabulary;
  /**
   * The index's words that start like `word` (same first two letters), most widespread first: to
   * tell a word the index knows from one it does not (Pagefind answers an unknown word with the
   * pages of its longest known prefix).
   */
  indexWords?: (word: string) => Promise<readonly string[]>;
  /** The index's words with the same first letter, for correcting an unknown word. */
  correctionWords?: (word: string) => Promise<readonly string[]>;
  /** Ids of training modules, for ranking them below articles and trees. */
  trainingIds?: () => Promise<ReadonlySet<string>>;
  /** Pages allowed by the selected filters; all when undefined. */
  allowed?: ReadonlySet<string> | undefined;
}

export const TRAINING_WEIGHT = 0.6;
/**
 * How much a result in the other language counts than the search page's. German is the primary
 * language: second level also writes in English, and German readers read it, so on a German page
 * an English-only article still comes up (0.85). An English reader may read no German, so on an
 * English page the English article comes first when both languages have one (0.6).
 */
export const OTHER_LANGUAGE_WEIGHT: Record<'de' | 'en', number> = { de: 0.85, en: 0.6 };

/**
 * A page whose title names the query's words ranks up: `1 + TITLE_WEIGHT × share of the words in
 * the title` (filler words left out of the search count half). Titles are what authors write for
 * the problem; a body that mentions a word in passing is not. Measured on the relevance bench
 * (241 queries): 0.25 per word → 0.6 → 1.0 raised hit@1 0.888 → 0.892 → 0.905; 1.5 changed nothing.
 */
export const TITLE_WEIGHT = 1.0;
export function titleBoost(wordsInTitle: number, words: number): number {
  return 1 + (TITLE_WEIGHT * Math.min(wordsInTitle, words)) / Math.max(1, words);
}
/** The least number of pages `wordWeight` assumes: on a small result set every word counts alike. */
const MIN_POPULATION = 20;
const OPTIONAL_WEIGHT = 0.1;

/** Page → best score of one word over its alternatives (itself, synonyms, compound parts). */
async function unitScores(text: string, o: EngineOptions, lang: 'de' | 'en', expand = true): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  const take = (hits: Hit[], weight: number) => {
    for (const h of hits) {
      if (o.allowed && !o.allowed.has(h.id)) continue;
      const s = h.score * weight;
      if (s > (scores.get(h.id) ?? 0)) scores.set(h.id, s);
    }
  };
  const all = async (words: string[], weight: number) => {
    const lists = await Promise.all(words.map((w) => o.search(w)));
    const [first, ...rest] = lists;
    if (!first) return;
    const sets = rest.map((l) => new Map(l.map((h) => [h.id, h.score])));
    take(
      first
        .filter((h) => sets.every((s) => s.has(h.id)))
        .map((h) => ({ id: h.id, score: h.score + sets.reduce((n, s) => n + s.get(h.id)!, 0) })),
      weight / words.length,
    );
  };
  const words = text.split(' ');
  if (words.length === 1) take(await o.search(text), 1);
  else {
    await all(words, 1);
    // Each word with its own synonyms (`disk full` → `Festplatte` + `voll`), filler left out.
    const content = words.filter((w) => !STOPWORDS.has(w));
    const each = content.length ? await Promise.all(content.map((w) => unitScores(w, o, lang))) : [];
    const [first, ...rest] = each;
    const combined: Hit[] = [];
    for (const [id, s] of first ?? []) {
      if (rest.every((m) => m.has(id))) combined.push({ id, score: (s + rest.reduce((n, m) => n + m.get(id)!, 0)) / content.length });
    }
    take(combined, 0.9);
  }
  // Synonyms: one search per group the word is in, for the token its pages carry (and, if
  // EXPLICIT_ALTERNATIVES > 0, the group's first words themselves: better scores, more downloads).
  const tokens = expand ? o.vocabulary.tokens(text) : [];
  const alternatives = expand ? o.vocabulary.alternatives(text).slice(0, EXPLICIT_ALTERNATIVES) : [];
  await Promise.all([
    ...tokens.map((t) => o.search(t.term).then((hits) => take(hits, t.weight))),
    ...alternatives.map((a) =>
      a.term.includes(' ') ? all(a.term.split(' '), a.weight) : o.search(a.term).then((hits) => take(hits, a.weight)),
    ),
  ]);
  if (words.length === 1 && lang === 'de') {
    // A query may pair a known word with any other (`Firmenwlan` → `firmen` + `wlan`).
    const parts = splitCompound(text, o.vocabulary.words, true);
    if (parts) await all(parts, 0.7);
  }
  // Each word counts alike: its best page scores 1, so a common word cannot outweigh a rare one.
  const best = Math.max(0, ...scores.values());
  if (best > 0) for (const [id, s] of scores) scores.set(id, s / best);
  return scores;
}

/** An error code as typed: a word with a digit (`0x11b`, `50076`, `aadsts50126`), 3+ characters. */
export const looksLikeCode = (word: string) => word.length >= 3 && !word.includes(' ') && /\d/.test(word);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a text has `term` (every word of it) at the start of a word, allowing an ending
 * (`drucker` finds `Druckers`), with umlauts as written: `drucker` does not find `drücken`.
 */
export function hasWord(text: string, term: string): boolean {
  const lower = text.toLowerCase();
  return term.split(' ').every((word) => {
    const stem = word.length <= 5 ? word : word.slice(0, Math.max(5, word.length - 2));
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(stem)}`, 'u').test(lower);
  });
}

/**
 * Whether a page's text really has a query word: the word, a synonym, its compound parts, or for
 * several words each word or a synonym of it. False means Pagefind matched the page through its
 * stemmer (`Drucker` → `drücken`) or through a shorter prefix of a word it does not know.
 */
export function pageHas(text: string, unit: string, vocabulary: Vocabulary, lang: 'de' | 'en'): boolean {
  const forms = [unit, ...vocabulary.alternatives(unit).map((a) => a.term)];
  const parts = lang === 'de' && !unit.includes(' ') ? splitCompound(unit, vocabulary.words, true) : undefined;
  if (parts) forms.push(parts.join(' '));
  if (forms.some((f) => hasWord(text, f))) return true;
  const words = unit.split(' ');
  return words.length > 1 && words.every((w) => [w, ...vocabulary.alternatives(w).map((a) => a.term)].some((f) => hasWord(text, f)));
}

/**
 * A result excerpt from a page's text, around the most query words within `length` words, with
 * `<mark>` around them and `<`/`>` escaped, as Pagefind writes excerpts (src/lib/search.ts reads
 * them as text). The index-only words between ⟦ ⟧ are left out. Without any query word in the
 * text, the text's start.
 */
export function excerpt(content: string, units: readonly string[], vocabulary: Vocabulary, lang: 'de' | 'en', length = 26): string {
  const words = content
    .replace(/⟦[^⟧]*⟧/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const forms = units.flatMap((u) => {
    const parts = lang === 'de' ? splitCompound(u, vocabulary.words, true) : undefined;
    return [u, ...vocabulary.alternatives(u).map((a) => a.term), ...(parts ?? [])]
      .flatMap((f) => f.split(' '))
      .filter((w) => !STOPWORDS.has(w));
  });
  const stems = [...new Set(forms)].map((w) => (w.length <= 5 ? w : w.slice(0, Math.max(5, w.length - 2))));
  const hit = words.map((w) => {
    const lower = w.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, '');
    return stems.some((s) => lower.startsWith(s));
  });
  let start = 0;
  let best = -1;
  for (let i = 0; i < words.length; i++) {
    if (!hit[i]) continue;
    const count = hit.slice(i, i + length).filter(Boolean).length;
    if (count > best) {
      best = count;
      start = Math.max(0, i - 3);
    }
  }
  const esc = (w: string) => w.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return words
    .slice(start, start + length)
    .map((w, i) => (hit[start + i] ? `<mark>${esc(w)}</mark>` : esc(w)))
    .join(' ');
}

/** Pages that have both parts of a split compound, each part with its synonyms. */
async function partsScores(parts: readonly string[], o: EngineOptions, lang: 'de' | 'en'): Promise<Map<string, number>> {
  const each = await Promise.all(parts.map((p) => unitScores(p, o, lang)));
  const [first, ...rest] = each;
  const scores = new Map<string, number>();
  for (const [id, s] of first ?? []) {
    if (rest.every((m) => m.has(id))) scores.set(id, (s + rest.reduce((n, m) => n + m.get(id)!, 0)) / parts.length);
  }
  return scores;
}

/**
 * How much a word counts in a query of several: rare words (few pages) more than common ones,
 * `1 + ln(pages / pages with the word) / 4` (measured: /2 let a rare side word such as "Kunden" pick the subset). "Vertrauensstellung fehlgeschlagen" is about the
 * first word; when no page holds both, the pages for the rare one come back.
 */
export function wordWeight(pagesWithWord: number, pages: number): number {
  if (pagesWithWord <= 0) return 1;
  return 1 + Math.log(Math.max(1, pages / pagesWithWord)) / 4;
}

/** Runs a query: see the module comment for the rules. */
export async function runQuery(q: string, lang: 'de' | 'en', o: EngineOptions): Promise<EngineAnswer> {
  let units = queryUnits(q, o.vocabulary.terms);
  const corrections: { from: string; to: string }[] = [];
  if (!units.length) return { pages: [], mode: 'none', matched: [], corrections };
  let scored = await Promise.all(units.map((u) => unitScores(u.text, o, lang, !u.optional)));
  /** Words the index does not know and nothing could correct: left out, and said so. */
  const dropped = new Set<number>();
  // Words the index does not know: the closest word of the index's own vocabulary. Their own
  // matches (Pagefind's longest known prefix, or a rare word past the vocabulary's size) stay at a
  // low weight.
  for (const [i, u] of units.entries()) {
    if (u.optional || !o.indexWords || !checkable(u.text) || o.vocabulary.terms.has(u.text)) continue;
    if (lang === 'de' && splitCompound(u.text, o.vocabulary.words, true)) continue;
    const words = await o.indexWords(u.text).catch(() => [] as string[]);
    if (knownWord(u.text, words)) continue;
    // A compound of two words the index has (`Onlinearchiv`): the pages with both parts.
    const parts = lang === 'de' ? await splitWithIndex(u.text, o.indexWords) : undefined;
    if (parts) {
      const scores = await partsScores(parts, o, lang);
      if (scores.size) {
        units = units.map((x, j) => (j === i ? { ...x, text: parts.join(' ') } : x));
        scored = scored.map((x, j) => (j === i ? scores : x));
        continue;
      }
    }
    const candidates = o.correctionWords ? await o.correctionWords(u.text).catch(() => [] as string[]) : words;
    const to = correction(u.text, candidates);
    const own = scored[i]!;
    if (!to) {
      dropped.add(i);
      continue;
    }
    const scores = await unitScores(to, o, lang);
    if (!scores.size) continue;
    for (const [id, s] of own) if (!scores.has(id)) scores.set(id, s * 0.3);
    corrections.push({ from: u.text, to });
    units = units.map((x, j) => (j === i ? { ...x, text: to } : x));
    scored = scored.map((x, j) => (j === i ? scores : x));
  }
  const required = units.map((u, i) => (u.optional || dropped.has(i) ? -1 : i)).filter((i) => i >= 0);
  for (const i of dropped) scored[i] = new Map();
  if (!required.length) return { pages: [], mode: 'none', matched: [], corrections, suggestion: undefined };
  const training = !asksForTraining(units.map((u) => u.text)) && o.trainingIds ? await o.trainingIds() : new Set<string>();
  const pages = new Map<string, { score: number; matched: number[] }>();
  const seen = new Set<string>();
  for (const m of scored) for (const id of m.keys()) seen.add(id);
  const population = Math.max(MIN_POPULATION, seen.size);
  units.forEach((u, i) => {
    const weight = wordWeight(scored[i]!.size, population);
    for (const [id, s] of scored[i]!) {
      const page = pages.get(id) ?? { score: 0, matched: [] };
      page.score += (u.optional ? s * OPTIONAL_WEIGHT : s) * weight;
      if (!u.optional && !dropped.has(i)) page.matched.push(i);
      pages.set(id, page);
    }
  });
  const rank = (list: [string, { score: number }][]) =>
    list
      .map(([id, p]) => ({ id, score: training.has(id) ? p.score * TRAINING_WEIGHT : p.score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const suggestion = corrections.length ? units.map((u) => u.text).join(' ') : undefined;
  const complete = [...pages].filter(([, p]) => p.matched.length === required.length);
  if (complete.length)
    return {
      pages: rank(complete),
      mode: dropped.size ? 'subset' : 'all',
      matched: required.map((i) => units[i]!.text),
      corrections,
      suggestion,
    };
  // No page holds every word: the pages for the largest set of words that some page holds.
  const partial = [...pages].filter(([, p]) => p.matched.length > 0);
  if (!partial.length) return { pages: [], mode: 'none', matched: [], corrections, suggestion };
  const most = Math.max(...partial.map(([, p]) => p.matched.length));
  const best = rank(partial.filter(([, p]) => p.matched.length === most))[0]!;
  const set = pages.get(best.id)!.matched;
  const chosen = partial.filter(([, p]) => set.every((i) => p.matched.includes(i)));
  return { pages: rank(chosen), mode: 'subset', matched: set.map((i) => units[i]!.text), corrections, suggestion };
}

/**
 * The words of a ticket's short description that could be search terms for an article: 4 to 40
 * characters, starting with a letter, no filler, no redaction placeholders, none the article already
 * has (`present`, from `articleWords`). Each word once.
 */
export function ticketWords(description: string, present: ReadonlySet<string>): string[] {
  return [
    ...new Set(
      // Redaction placeholders (`[Name]`, `[Telefon]`) are not words of the ticket.
      (normalizeTerm(description.replace(/\[[^\]\n]{1,40}\]/g, ' ')).match(/[\p{L}][\p{L}\p{N}-]*/gu) ?? []).filter(
        (w) => w.length >= 4 && w.length <= 40 && !STOPWORDS.has(w) && !present.has(w),
      ),
    ),
  ];
}

/** The words an article already has (title, text, tags, keywords), for `ticketWords`. */
export const articleWords = (articleText: string): Set<string> =>
  new Set(normalizeTerm(articleText).match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []);

/**
 * Keywords worth proposing for an article from the short descriptions of tickets linked to it
 * (already redacted): the words employees used that the article does not contain, most frequent
 * first, each used by at least two tickets. Nothing is indexed until a person accepts a proposal
 * (src/lib/import/keywords.ts keeps the counts across imports).
 */
export function proposeKeywords(descriptions: readonly string[], articleText: string, limit = 8): string[] {
  const present = articleWords(articleText);
  const counts = new Map<string, number>();
  for (const d of descriptions) for (const w of ticketWords(d, present)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([w]) => w);
}

export interface IndexTermsInput {
  /** Author's search terms (article `keywords`). */
  keywords?: readonly string[] | undefined;
  /** Error codes as listed (article `errorCodes`). */
  codes?: readonly string[] | undefined;
  /** Tags (`point-and-print`): topic words authors chose, not in the text by themselves. */
  tags?: readonly string[] | undefined;
  /** The page's title: synonym tokens of its words weigh as a title does. */
  title?: string | undefined;
  /** The page's text, for compound parts. */
  text: string;
  lang: 'de' | 'en';
}

/**
 * What a page adds to the index beyond its visible text: `strong` (keywords, error codes and
 * their partial forms; indexed at a high weight), `tags` (medium) and `weak` (parts of German
 * compounds), and the synonym tokens. Bounded: at most 30 keywords, 30 tags, 80 code forms, 60 parts and 50 tokens per page.
 */
export function indexTerms(
  input: IndexTermsInput,
  parts: ReadonlySet<string>,
  synonyms?: SynonymData,
): { strong: string[]; tags: string[]; weak: string[]; synonyms: string[]; titleSynonyms: string[] } {
  const strong = new Set<string>();
  for (const k of (input.keywords ?? []).slice(0, 30)) strong.add(k.trim());
  for (const code of (input.codes ?? []).slice(0, 20)) {
    if (code.length <= 80) strong.add(code.trim());
    for (const form of codeForms(code).slice(0, 3)) strong.add(form);
  }
  const weak = input.lang === 'de' ? compoundParts(input.text, parts) : [];
  const tags = (input.tags ?? []).slice(0, 30).map((t) => t.replaceAll('-', ' '));
  // Tokens of the title's and keywords' groups weigh as a title; the text's are repeated as often
  // as the page uses the group's words (up to twice), as the words themselves would count.
  const titleTokens = synonyms ? synonymTokens([input.title ?? '', ...(input.keywords ?? [])].join(' '), synonyms, input.lang) : [];
  const counts = synonyms ? synonymTokenCounts([input.text, ...tags, ...weak].join(' '), synonyms, input.lang) : new Map<string, number>();
  const inTitle = new Set(titleTokens);
  const tokens = [...counts]
    .filter(([t]) => !inTitle.has(t))
    .slice(0, 50)
    .flatMap(([t, n]) => Array<string>(Math.min(2, n)).fill(t));
  return { strong: [...strong].filter(Boolean), tags, weak, synonyms: tokens, titleSynonyms: titleTokens };
}

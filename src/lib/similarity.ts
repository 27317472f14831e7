/**
 * Text similarity over the knowledge base, with lunr and lunr-languages (German and English
 * stemming): related articles for every article, near-duplicate detection for the lint, and
 * "is this a known issue?" lookups for the escalation importer.
 *
 * lunr and lunr-languages do the language work (tokenizer, trimmer, stop words, German and English
 * stemmers); documents become TF-IDF vectors of the resulting terms, and an inverted index ranks
 * candidates by cosine similarity, which gives comparable scores between 0 and 1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import lunrDe from 'lunr-languages/lunr.de.js';
import lunrMulti from 'lunr-languages/lunr.multi.js';

stemmerSupport(lunr);
lunrDe(lunr);
lunrMulti(lunr);

type LunrWithMulti = typeof lunr & { multiLanguage: (...langs: string[]) => lunr.Builder.Plugin };
const multiLanguage = (lunr as LunrWithMulti).multiLanguage('en', 'de');

export interface SimilarityDoc {
  id: string;
  title: string;
  summary: string;
  tags: readonly string[];
  errorCodes: readonly string[];
  body: string;
}

/** Field weights: a shared error code or title word says more than a shared body word. */
const WEIGHTS = { title: 3, errorCodes: 4, tags: 2, summary: 2, body: 1 } as const;
type Field = keyof typeof WEIGHTS;

/** Markdown/MDX to plain words: code fences keep their text (commands matter), markup goes. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~\\{}[\]]/g, ' ');
}

const fieldText = (d: SimilarityDoc): Record<Field, string> => ({
  title: d.title,
  errorCodes: d.errorCodes.join(' '),
  tags: d.tags.join(' ').replaceAll('-', ' '),
  summary: d.summary,
  body: plainText(d.body),
});

export interface Match {
  id: string;
  /** Cosine similarity of the TF-IDF vectors, 0…1. */
  score: number;
}

export interface SimilarityIndex {
  /** The `n` most similar documents to document `id` (not itself), best first. */
  related(id: string, n: number, minScore?: number): Match[];
  /** The `n` most similar documents to a free text (e.g. a ticket), best first. */
  search(text: { title: string; body: string; errorCodes?: readonly string[] }, n: number, minScore?: number): Match[];
}

/** A sparse TF-IDF vector: term ids ascending, with their normalised weights. */
interface Vector {
  terms: Int32Array;
  weights: Float64Array;
}

/** Cosine of two normalised sparse vectors: one merge pass over the sorted term ids. */
function cosine(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** How many of a query's strongest terms select candidates, and how many candidates are scored. */
const QUERY_TERMS = 20;
const CANDIDATES = 50;

export function createSimilarityIndex(docs: readonly SimilarityDoc[]): SimilarityIndex {
  const pipeline = new lunr.Pipeline();
  // The same processing lunr's index applies: trim, drop stop words, stem (English and German).
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer);
  multiLanguage.call(builder, builder);
  pipeline.add(...(builder.pipeline as unknown as { _stack: lunr.PipelineFunction[] })._stack);

  // A KB repeats the same words thousands of times: run each distinct word through the pipeline once.
  const processed = new Map<string, string[]>();
  const terms = (text: string): string[] => {
    const out: string[] = [];
    for (const token of lunr.tokenizer(text)) {
      const word = token.toString();
      let result = processed.get(word);
      if (!result) {
        result = pipeline
          .run([new lunr.Token(word, {})])
          .map((t) => t.toString())
          .filter((t) => t.length > 1);
        processed.set(word, result);
      }
      out.push(...result);
    }
    return out;
  };

  // Terms get integer ids; term frequencies per document, weighted by field.
  const termIds = new Map<string, number>();
  const df: number[] = [];
  const counts = docs.map((d) => {
    const c = new Map<number, number>();
    const fields = fieldText(d);
    for (const f of Object.keys(WEIGHTS) as Field[]) {
      for (const term of terms(fields[f])) {
        let t = termIds.get(term);
        if (t === undefined) termIds.set(term, (t = termIds.size));
        c.set(t, (c.get(t) ?? 0) + WEIGHTS[f]);
      }
    }
    for (const t of c.keys()) df[t] = (df[t] ?? 0) + 1;
    return c;
  });
  const N = Math.max(docs.length, 1);
  const idf = (t: number | undefined) => Math.log(1 + N / (t === undefined ? 0.5 : (df[t] ?? 0.5)));

  /** Weighted counts to a normalised vector; terms unknown to the KB (query only) get id -1 and count for the norm only. */
  const toVector = (c: Map<number, number>, unknown: number[] = []): Vector => {
    const entries = [...c].sort((a, b) => a[0] - b[0]);
    const weights = new Float64Array(entries.length);
    let norm = unknown.reduce((n, count) => n + ((1 + Math.log(count)) * idf(undefined)) ** 2, 0);
    entries.forEach(([t, count], i) => {
      const w = (1 + Math.log(count)) * idf(t);
      weights[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms: Int32Array.from(entries, (e) => e[0]), weights };
  };
  const vectors = counts.map((c) => toVector(c));
  const docIndex = new Map(docs.map((d, i) => [d.id, i]));

  // Inverted index: term → documents (ascending) with their weights, as flat typed arrays.
  const postingStart = new Int32Array(termIds.size + 1);
  for (const v of vectors) for (const t of v.terms) postingStart[t + 1]!++;
  for (let t = 0; t < termIds.size; t++) postingStart[t + 1]! += postingStart[t]!;
  const postingDoc = new Int32Array(postingStart[termIds.size]!);
  const postingWeight = new Float64Array(postingDoc.length);
  const fill = postingStart.slice(0, termIds.size);
  vectors.forEach((v, doc) => {
    v.terms.forEach((t, i) => {
      const at = fill[t]!++;
      postingDoc[at] = doc;
      postingWeight[at] = v.weights[i]!;
    });
  });

  // Scratch space reused by every query: partial scores and the documents touched.
  const partial = new Float64Array(docs.length);
  const touched: number[] = [];

  /**
   * Candidates are the documents sharing the query's strongest terms, ordered by the partial score
   * over those terms; the best of them are ranked by their full cosine similarity.
   */
  const rank = (vector: Vector, exclude: number, n: number, minScore: number): Match[] => {
    const order = [...vector.weights.keys()].sort((a, b) => vector.weights[b]! - vector.weights[a]!).slice(0, QUERY_TERMS);
    for (const i of order) {
      const t = vector.terms[i]!;
      const qw = vector.weights[i]!;
      for (let p = postingStart[t]!; p < postingStart[t + 1]!; p++) {
        const doc = postingDoc[p]!;
        if (partial[doc] === 0) touched.push(doc);
        partial[doc]! += qw * postingWeight[p]!;
      }
    }
    // Keep the best CANDIDATES by partial score, sorted; most documents fail the first comparison.
    const candidates: number[] = [];
    const scores: number[] = [];
    for (const doc of touched) {
      const score = partial[doc]!;
      partial[doc] = 0;
      if (doc === exclude || (candidates.length === CANDIDATES && score <= scores[CANDIDATES - 1]!)) continue;
      let at = candidates.length;
      while (at > 0 && scores[at - 1]! < score) at--;
      candidates.splice(at, 0, doc);
      scores.splice(at, 0, score);
      if (candidates.length > CANDIDATES) {
        candidates.pop();
        scores.pop();
      }
    }
    touched.length = 0;
    return candidates
      .map((doc) => ({ id: docs[doc]!.id, score: cosine(vector, vectors[doc]!) }))
      .filter((m) => m.score >= minScore)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, n);
  };

  return {
    related(id, n, minScore = 0.05) {
      const doc = docIndex.get(id);
      return doc === undefined ? [] : rank(vectors[doc]!, doc, n, minScore);
    },
    search(text, n, minScore = 0.05) {
      const c = new Map<number, number>();
      const unknown = new Map<string, number>();
      const add = (s: string, w: number) => {
        for (const term of terms(s)) {
          const t = termIds.get(term);
          if (t === undefined) unknown.set(term, (unknown.get(term) ?? 0) + w);
          else c.set(t, (c.get(t) ?? 0) + w);
        }
      };
      add(text.title, WEIGHTS.title);
      add((text.errorCodes ?? []).join(' '), WEIGHTS.errorCodes);
      add(plainText(text.body), WEIGHTS.body);
      return rank(toVector(c, [...unknown.values()]), -1, n, minScore);
    },
  };
}

/** Stable digest of the documents' similarity-relevant content. */
export function digestDocs(docs: readonly SimilarityDoc[]): string {
  const h = createHash('sha256');
  for (const d of [...docs].sort((a, b) => a.id.localeCompare(b.id))) {
    h.update(JSON.stringify([d.id, d.title, d.summary, d.tags, d.errorCodes, d.body]));
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * Related articles for every document, computed once per KB content and cached on disk keyed by
 * the content digest, so an unchanged KB does not recompute.
 */
export function relatedForAll(
  docs: readonly SimilarityDoc[],
  options: { n?: number; cacheDir?: string } = {},
): { related: Map<string, string[]>; cached: boolean; digest: string } {
  const n = options.n ?? 5;
  const digest = digestDocs(docs);
  const file = options.cacheDir ? join(options.cacheDir, `related-${n}-${digest}.json`) : undefined;
  if (file && existsSync(file)) {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
    return { related: new Map(Object.entries(data)), cached: true, digest };
  }
  const index = createSimilarityIndex(docs);
  const related = new Map(docs.map((d) => [d.id, index.related(d.id, n).map((m) => m.id)]));
  if (file && options.cacheDir) {
    mkdirSync(options.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(related)));
    renameSync(tmp, file);
  }
  return { related, cached: false, digest };
}

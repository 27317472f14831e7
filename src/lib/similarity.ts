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

export function createSimilarityIndex(docs: readonly SimilarityDoc[]): SimilarityIndex {
  const pipeline = new lunr.Pipeline();
  // The same processing lunr's index applies: trim, drop stop words, stem (English and German).
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer);
  multiLanguage.call(builder, builder);
  pipeline.add(...(builder.pipeline as unknown as { _stack: lunr.PipelineFunction[] })._stack);

  const terms = (text: string): string[] =>
    pipeline
      .run(lunr.tokenizer(text))
      .map((t) => t.toString())
      .filter((t) => t.length > 1);

  // Term frequencies per document, weighted by field.
  const tf = new Map<string, Map<string, number>>();
  const df = new Map<string, number>();
  for (const d of docs) {
    const counts = new Map<string, number>();
    const fields = fieldText(d);
    for (const f of Object.keys(WEIGHTS) as Field[]) {
      for (const term of terms(fields[f])) counts.set(term, (counts.get(term) ?? 0) + WEIGHTS[f]);
    }
    tf.set(d.id, counts);
    for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const N = Math.max(docs.length, 1);
  const idf = (term: string) => Math.log(1 + N / (df.get(term) ?? 0.5));

  const toVector = (counts: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [term, c] of counts) {
      const w = (1 + Math.log(c)) * idf(term);
      v.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, w] of v) v.set(term, w / norm);
    return v;
  };
  const vectors = new Map([...tf].map(([id, counts]) => [id, toVector(counts)]));

  // Inverted index over the normalised vectors: term → (document, weight). Scoring a query is then
  // the exact cosine over the query's strongest terms, without lunr's per-match bookkeeping.
  const ids = [...vectors.keys()];
  const postings = new Map<string, { doc: number; w: number }[]>();
  ids.forEach((id, doc) => {
    for (const [term, w] of vectors.get(id)!) {
      const list = postings.get(term);
      if (list) list.push({ doc, w });
      else postings.set(term, [{ doc, w }]);
    }
  });

  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    const [small, large] = a.size < b.size ? [a, b] : [b, a];
    let sum = 0;
    for (const [term, w] of small) sum += w * (large.get(term) ?? 0);
    return sum;
  };

  /** Candidates sharing the vector's strongest terms, ranked by their full cosine similarity. */
  const rank = (vector: Map<string, number>, exclude: string | undefined, n: number, minScore: number): Match[] => {
    const top = [...vector].sort((a, b) => b[1] - a[1]).slice(0, 20);
    const partial = new Map<number, number>();
    for (const [term, qw] of top) {
      for (const p of postings.get(term) ?? []) partial.set(p.doc, (partial.get(p.doc) ?? 0) + qw * p.w);
    }
    return [...partial]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 50)
      .map(([doc]) => ids[doc]!)
      .filter((id) => id !== exclude)
      .map((id) => ({ id, score: cosine(vector, vectors.get(id)!) }))
      .filter((m) => m.score >= minScore)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, n);
  };

  return {
    related(id, n, minScore = 0.05) {
      const v = vectors.get(id);
      return v ? rank(v, id, n, minScore) : [];
    },
    search(text, n, minScore = 0.05) {
      const counts = new Map<string, number>();
      const add = (s: string, w: number) => {
        for (const term of terms(s)) counts.set(term, (counts.get(term) ?? 0) + w);
      };
      add(text.title, WEIGHTS.title);
      add((text.errorCodes ?? []).join(' '), WEIGHTS.errorCodes);
      add(plainText(text.body), WEIGHTS.body);
      return rank(toVector(counts), undefined, n, minScore);
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

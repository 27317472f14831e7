/**
 * Reading ticket exports as streams of records: encoding detection (UTF-8 with or without BOM,
 * Windows-1252 from German Excel), CSV with csv-parse (quoted multi-line cells, `;` or `,`,
 * repeated headers), JSON arrays and Zammad's saved API responses. Memory does not grow with the
 * file: records are yielded one by one.
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';

export type RawRecord = Record<string, string | string[]>;
export type RecordOrError = { where: string; raw: RawRecord | Record<string, unknown> } | { where: string; error: string };

/** First bytes of a file. */
function head(path: string, bytes = 65536): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export type Encoding = 'utf-8' | 'windows-1252';

/** UTF-8 when the file has a BOM or its start decodes as UTF-8, otherwise Windows-1252. */
export function detectEncoding(sample: Buffer): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  try {
    // A sample cut in the middle of a character is still UTF-8: allow a broken tail of up to 3 bytes.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - (sample.length === 65536 ? 3 : 0))));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function decoder(encoding: Encoding) {
  const d = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, d.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, d.decode());
    },
  });
}

/** The delimiter of a CSV header line: `;` (GLPI, German Excel), tab or `,`. */
export function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export function csvHeader(path: string): { header: string[]; delimiter: string; encoding: Encoding } {
  const sample = head(path);
  const encoding = detectEncoding(sample);
  const text = new TextDecoder(encoding).decode(sample).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const header = firstLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').replace(/""/g, '"'));
  return { header, delimiter, encoding };
}

/**
 * CSV records keyed by header; a header that repeats (Jira's Comment, Labels, Components) gives
 * an array of its non-empty values. Rows that cannot be parsed are reported with their line and
 * skipped; the rest go through.
 */
export async function* readCsv(path: string, delimiterOverride?: string): AsyncGenerator<RecordOrError> {
  if (statSync(path).size === 0) {
    yield { where: `${path}`, error: 'the file is empty' };
    return;
  }
  const { delimiter, encoding } = csvHeader(path);
  const errors: { where: string; error: string }[] = [];
  const parser = parse({
    delimiter: delimiterOverride ?? delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  parser.on('skip', (err: Error & { lines?: number }) => {
    errors.push({ where: `${path}:${err.lines ?? '?'}`, error: `unreadable CSV row (${err.message.replace(/^Invalid[^:]*:\s*/, '')})` });
  });
  createReadStream(path).pipe(decoder(encoding)).pipe(parser);
  let header: string[] | undefined;
  let repeated: Set<string> = new Set();
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (errors.length) yield errors.shift()!;
    const { record, info } = item;
    if (!header) {
      header = record.map((h) => h.trim());
      const seen = new Set<string>();
      repeated = new Set(header.filter((h) => (seen.has(h) ? true : (seen.add(h), false))));
      continue;
    }
    const raw: RawRecord = {};
    header.forEach((h, i) => {
      if (!h) return;
      const value = record[i] ?? '';
      if (repeated.has(h)) {
        const list = (raw[h] as string[] | undefined) ?? [];
        if (value.trim()) list.push(value);
        raw[h] = list;
      } else raw[h] = value;
    });
    yield { where: `${path}:${info.lines}`, raw };
  }
  while (errors.length) yield errors.shift()!;
  if (!header) yield { where: path, error: 'no header row' };
}

/** A JSON export: an array, or ServiceNow's `{ "result": [...] }`. */
export async function* readJson(path: string): AsyncGenerator<RecordOrError> {
  let data: unknown;
  try {
    const buf = readFileSync(path);
    data = JSON.parse(new TextDecoder(detectEncoding(buf.subarray(0, 65536))).decode(buf).replace(/^\uFEFF/, ''));
  } catch (e) {
    yield { where: path, error: `not valid JSON (${(e as Error).message})` };
    return;
  }
  const list = Array.isArray(data) ? data : (data as { result?: unknown })?.result;
  if (!Array.isArray(list)) {
    yield { where: path, error: 'expected a JSON array of tickets or {"result": [...]}' };
    return;
  }
  for (const [i, item] of list.entries()) {
    if (item && typeof item === 'object') yield { where: `${path}#${i + 1}`, raw: item as Record<string, unknown> };
    else yield { where: `${path}#${i + 1}`, error: 'not a ticket object' };
  }
}

/** A Zammad export folder: tickets.json, articles/<id>.json, tags/<id>.json. */
export async function* readZammad(dir: string): AsyncGenerator<RecordOrError> {
  for await (const item of readJson(join(dir, 'tickets.json'))) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const id = String((item.raw as { id?: unknown }).id ?? '');
    const articlesFile = join(dir, 'articles', `${id}.json`);
    const tagsFile = join(dir, 'tags', `${id}.json`);
    let articles: unknown = [];
    let tags: unknown = [];
    try {
      if (existsSync(articlesFile)) articles = JSON.parse(readFileSync(articlesFile, 'utf8'));
      if (existsSync(tagsFile)) tags = (JSON.parse(readFileSync(tagsFile, 'utf8')) as { tags?: unknown }).tags ?? [];
    } catch (e) {
      yield { where: item.where, error: `ticket ${id}: unreadable articles or tags file (${(e as Error).message})` };
      continue;
    }
    yield { where: item.where, raw: { ...item.raw, __articles: articles, __tags: tags } };
  }
}

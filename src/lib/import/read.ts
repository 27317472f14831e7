/**
 * Reading ticket exports as streams of records. Encodings: UTF-8 with or without BOM, UTF-16LE/BE
 * with BOM (Excel's "Unicode Text": tab-separated), and Windows-1252 (German Excel) — decided over
 * the whole file, so an umlaut after the first 64 KB is never decoded as U+FFFD. CSV with
 * csv-parse (quoted multi-line cells, `;`, `,` or tab, repeated headers); JSON arrays and Zammad's
 * saved API responses. Memory does not grow with the file: records are yielded one by one.
 *
 * Errors never carry row content: a broken CSV row is reported by line and ticket id.
 */
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';

export type RawRecord = Record<string, string | string[]>;
export type RecordOrError = { where: string; raw: RawRecord | Record<string, unknown> } | { where: string; error: string };

export interface ReadOptions {
  /** CSV delimiter from the mapping file; detected from the header line otherwise. */
  delimiter?: string | undefined;
  /** Column holding the ticket id, to name it when a row cannot be read. */
  idColumn?: string | undefined;
  /** Header labels to field names (ServiceNow display labels). */
  headerLabels?: Readonly<Record<string, string>> | undefined;
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes [0, n) of a file. */
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

/** The encoding a BOM announces, or undefined. */
function bomEncoding(b: Uint8Array): Encoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without BOM: most odd (LE) or even (BE) bytes of ASCII-heavy text are zero. */
function utf16Guess(b: Uint8Array): Encoding | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  if (odd > (n / 2) * 0.6 && even < (n / 2) * 0.05) return 'utf-16le';
  if (even > (n / 2) * 0.6 && odd < (n / 2) * 0.05) return 'utf-16be';
  return undefined;
}

/** Encoding of a byte sample (the whole of it must be valid UTF-8 to be UTF-8). */
export function detectEncoding(sample: Uint8Array): Encoding {
  const bom = bomEncoding(sample);
  if (bom) return bom;
  const u16 = utf16Guess(sample);
  if (u16) return u16;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Encoding of a file, checked over every byte (streamed in 1 MB chunks, not held in memory). */
export function detectFileEncoding(path: string): Encoding {
  const first = head(path, 4096);
  const bom = bomEncoding(first) ?? utf16Guess(first);
  if (bom) return bom;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (let pos = 0; ;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      decoder.decode(buf.subarray(0, n), { stream: true });
      pos += n;
    }
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  } finally {
    closeSync(fd);
  }
}

function decoder(encoding: Encoding) {
  const d = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, d.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, d.decode());
    },
  });
}

/** The delimiter of a CSV header line: `;` (GLPI, German Excel), tab (Excel Unicode text) or `,`. */
export function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

export const delimiterName = (d: string) => (d === '\t' ? 'tab' : d === ';' ? 'semicolon (;)' : d === ',' ? 'comma (,)' : `"${d}"`);

export interface CsvHead {
  header: string[];
  delimiter: string;
  encoding: Encoding;
}

/** Header, delimiter and encoding of a CSV file (the encoding from the whole file). */
export function csvHeader(path: string, delimiterOverride?: string, encoding = detectFileEncoding(path)): CsvHead {
  let sample = head(path);
  if (encoding.startsWith('utf-16')) sample = sample.subarray(0, sample.length & ~1);
  const text = new TextDecoder(encoding).decode(sample).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  const delimiter = delimiterOverride ?? detectDelimiter(firstLine);
  const header = firstLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').replace(/""/g, '"').trim());
  return { header, delimiter, encoding };
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted cell is not doubled',
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after a closing quote',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'wrong number of cells',
  CSV_INVALID_OPTION_DELIMITER: 'invalid delimiter',
};

/** The ticket id from the raw start of a broken row, if it is a plain id (never other content). */
function idFromRaw(raw: string, delimiter: string, idIndex: number): string {
  if (idIndex < 0) return '';
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < raw.length && cells.length <= idIndex; i++) {
    const c = raw[i]!;
    if (c === '"') {
      if (quoted && raw[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cells.length <= idIndex) cells.push(cur);
  const id = (cells[idIndex] ?? '').trim();
  return /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,39}$/.test(id) ? id : '';
}

/**
 * CSV records keyed by header; a header that repeats (Jira's Comment, Labels, Components) gives
 * an array of its non-empty values. Rows that cannot be parsed are reported with their line (and
 * ticket id when it can be read) and skipped; the rest go through.
 */
export async function* readCsv(path: string, o: ReadOptions = {}): AsyncGenerator<RecordOrError> {
  if (statSync(path).size === 0) {
    yield { where: `${path}`, error: 'the file is empty' };
    return;
  }
  const { delimiter, encoding, header: firstHeader } = csvHeader(path, o.delimiter);
  const labels = o.headerLabels ?? {};
  const idIndex = o.idColumn ? firstHeader.findIndex((h) => h === o.idColumn || labels[h] === o.idColumn) : -1;
  const errors: { where: string; error: string }[] = [];
  const errorLines = new Set<number>();
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
  });
  parser.on('skip', (err: Error & { lines?: number; code?: string; raw?: string }) => {
    const line = err.lines ?? 0;
    if (errorLines.has(line)) return;
    errorLines.add(line);
    const id = idFromRaw(err.raw ?? '', delimiter, idIndex);
    errors.push({
      where: `${path}:${line || '?'}`,
      error: `unreadable CSV row${id ? ` (ticket ${id})` : ''}: ${CSV_PROBLEMS[err.code ?? ''] ?? 'malformed quoting'}`,
    });
  });
  createReadStream(path).pipe(decoder(encoding)).pipe(parser);
  let header: string[] | undefined;
  let repeated: Set<string> = new Set();
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (errors.length) yield errors.shift()!;
    const { record, info } = item;
    if (!header) {
      header = record.map((h) => h.replace(/^\uFEFF/, '').trim()).map((h) => labels[h] ?? h);
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

/** A JSON file's text in its detected encoding. */
export function readTextFile(path: string): string {
  const buf = readFileSync(path);
  return new TextDecoder(detectEncoding(buf)).decode(buf).replace(/^\uFEFF/, '');
}

/** A JSON export: an array, or ServiceNow's `{ "result": [...] }`. */
export async function* readJson(path: string): AsyncGenerator<RecordOrError> {
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(path));
  } catch (e) {
    // The parser's message names a position, never content.
    yield { where: path, error: `not valid JSON (${(e as Error).message.replace(/"[^"]*"/g, '…').slice(0, 120)})` };
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
      if (/^[\w-]+$/.test(id) && existsSync(articlesFile)) articles = JSON.parse(readTextFile(articlesFile));
      if (/^[\w-]+$/.test(id) && existsSync(tagsFile)) tags = (JSON.parse(readTextFile(tagsFile)) as { tags?: unknown }).tags ?? [];
    } catch {
      yield { where: item.where, error: `ticket ${id}: unreadable articles or tags file` };
      continue;
    }
    yield { where: item.where, raw: { ...item.raw, __articles: articles, __tags: tags } };
  }
}

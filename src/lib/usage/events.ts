/**
 * Reading usage events back from the `kb_events` access log: one JSON line per event, whose
 * `args` is the URL-encoded event. Pure functions, no I/O. Every line is either counted (a valid
 * event), ignored (not an event line: blank, another log format, a request without `t=`) or
 * rejected (malformed, with a reason that never echoes the line's content).
 */
import { normalizeText, redactContextNames, redactShapes } from '../import/redact.ts';
import { feedbackEventSchema, quizEventSchema, searchEventSchema, treeEventSchema, type UsageEvent } from '../../schemas/usage.ts';
import { LIMITS } from './vocabulary.ts';

export type ParsedLine = { kind: 'event'; time: string; event: UsageEvent } | { kind: 'ignored' } | { kind: 'rejected'; reason: string };

/** C0/C1 control characters (tab and newline included: a query is one line). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A search query as it may be written into `content/`: NFC, no control or invisible characters,
 * personal data and secrets replaced (e-mail, phone, ids, names by context, keys), lowercase,
 * single spaces, at most LIMITS.query characters. Empty when nothing is left.
 */
export function normaliseQuery(raw: string): string {
  let q = normalizeText(raw).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  q = redactContextNames(redactShapes(q));
  q = q.toLocaleLowerCase('de-DE').replace(/\s+/g, ' ').trim();
  return [...q].slice(0, LIMITS.query).join('').trim();
}

const reject = (reason: string): ParsedLine => ({ kind: 'rejected', reason });

/** The schema per wire type: one schema tried per event, not the whole union (1M lines in the bench). */
const SCHEMAS = { s: searchEventSchema, f: feedbackEventSchema, n: treeEventSchema, q: quizEventSchema } as const;
/**
 * nginx's `$time_iso8601`, as eventLogLineSchema's `time` (checked by hand here: it is the hot
 * path), or Apache's `%{%Y-%m-%dT%H:%M:%S%z}t`, whose offset has no colon (`+0100`).
 */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;
/** An offset without colon, to be written as nginx writes it. */
const BASIC_OFFSET = /([+-]\d{2})(\d{2})$/;

/** Parses one access-log line. */
export function parseEventLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text || !text.startsWith('{')) return { kind: 'ignored' };
  if (text.length > LIMITS.event * 4) return reject('line too long');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return reject('not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return reject('not a kb_events line (not an object)');
  const { time, args, ...rest } = json as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return reject(`not a kb_events line (unknown field "${safeKey(extra[0]!)}")`);
  if (typeof time !== 'string' || !ISO_TIME.test(time)) return reject('not a kb_events line (field "time")');
  const iso = time.replace(BASIC_OFFSET, '$1:$2');
  if (Number.isNaN(Date.parse(iso))) return reject('not a kb_events line (field "time")');
  if (typeof args !== 'string' || args.length > LIMITS.event) return reject('not a kb_events line (field "args")');
  if (!args) return { kind: 'ignored' };
  const params = new URLSearchParams(args);
  const record: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in record) return reject(`field "${safeKey(k)}" given twice`);
    record[k] = v;
  }
  if (!('t' in record)) return { kind: 'ignored' };
  const schema = SCHEMAS[record.t as keyof typeof SCHEMAS];
  if (!schema || !Object.hasOwn(SCHEMAS, record.t!)) return reject('invalid event (field "t")');
  const parsed = schema.safeParse(record);
  if (!parsed.success) return reject(`invalid event (${issueList(parsed.error.issues)})`);
  return { kind: 'event', time: iso, event: parsed.data };
}

/** Field names from zod issues, for a reason that names the field but not the value. */
function issueList(issues: readonly { path: readonly PropertyKey[]; code: string; keys?: readonly string[] }[]): string {
  const names = new Set<string>();
  for (const i of issues) {
    if (i.code === 'unrecognized_keys' && i.keys) for (const k of i.keys) names.add(`unknown field "${safeKey(k)}"`);
    else if (i.code === 'invalid_union') names.add('not an event of a known type');
    else names.add(i.path.length ? `field "${safeKey(String(i.path.join('.')))}"` : i.code);
  }
  return [...names].slice(0, 4).join(', ');
}

/** A field name fit to print: short and plain, or a placeholder. */
function safeKey(k: string): string {
  return /^[A-Za-z0-9_.-]{1,20}$/.test(k) ? k : '?';
}

/**
 * Minimal-diff writes of YAML frontmatter and YAML files: the editor sends the whole entry as data,
 * and only what differs from the file on disk is rewritten, in place, at the original indentation
 * and in the original style (flow `[a, b]` stays flow, quoted strings stay quoted). Everything
 * else, comments included, keeps its exact bytes, so opening and saving an unchanged entry gives
 * the identical file and changing one field changes only that field's line(s).
 */
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  visit,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Drops `undefined` and `null` members, which mean "no value" to the editor. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (isObj(v))
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined && x !== null)
        .map(([k, x]) => [k, clean(x)]),
    );
  return v;
}

const OPTS = { lineWidth: 0, flowCollectionPadding: false } as const;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** YAML text of a new value; date-times are quoted so that no YAML reader takes them for timestamps. */
function dump(value: unknown, flow = false, padding = false): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && DATE_TIME.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ ...OPTS, flowCollectionPadding: padding, ...(flow ? { collectionStyle: 'flow' as const } : {}) });
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Offset just after the last non-blank character before `end` (trailing newlines and spaces excluded). */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** Whether a flow collection in the file is written `{ a: 1 }` rather than `{a: 1}`. */
function flowPadded(text: string, node: unknown): boolean {
  const range = (node as Node | undefined)?.range;
  return Boolean(range && isFlow(node) && text[range[0] + 1] === ' ');
}

function isFlow(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && Boolean((node as YAMLMap | YAMLSeq).flow);
}

/** A scalar or flow collection on one line, in the style of `like` when given (`padded`: `{ a: 1 }`, not `{a: 1}`). */
function inline(value: unknown, like?: unknown, padded = false): string {
  if (Array.isArray(value) || isObj(value)) return dump(value, true, padded).trimEnd();
  const type = isScalar(like) ? (like as Scalar).type : undefined;
  // Date-times stay strings for every YAML reader (some read unquoted `2027-02-10T09:00` as a timestamp).
  const quoteDate = typeof value === 'string' && DATE_TIME.test(value);
  const defaultStringType = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE' ? type : quoteDate ? 'QUOTE_DOUBLE' : 'PLAIN';
  return stringify(value, { ...OPTS, defaultStringType }).trimEnd();
}

const indentLines = (block: string, indent: number) =>
  block
    .trimEnd()
    .split('\n')
    .map((l) => (l ? ' '.repeat(indent) + l : l))
    .join('\n');

/** `key: value` text starting at column `col` (the caller keeps what precedes the key). */
function pairText(key: string, value: unknown, col: number, like?: unknown, text = ''): string {
  const padded = flowPadded(text, like);
  const k = stringify(key, OPTS).trimEnd();
  const empty = (Array.isArray(value) && value.length === 0) || (isObj(value) && Object.keys(value).length === 0);
  if ((!Array.isArray(value) && !isObj(value)) || empty || isFlow(like)) return `${k}: ${inline(value, like, padded)}`;
  return `${k}:\n${indentLines(dump(value), col + 2)}`;
}

function keyOf(pair: Pair): string {
  return String(isScalar(pair.key) ? (pair.key as Scalar).value : pair.key);
}

function pairRange(text: string, pair: Pair): [number, number] {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const start = key.range![0];
  const end = value?.range ? trimEnd(text, start, value.range[1]) : text.indexOf(':', key.range![1]) + 1;
  return [start, end];
}

function patchMap(text: string, map: YAMLMap, before: Obj, after: Obj, edits: Edit[]): boolean {
  if (map.flow) return false;
  const col = map.items.length ? column(text, (map.items[0]!.key as Node).range![0]) : 0;
  let last = -1;
  for (const pair of map.items as Pair[]) {
    const key = keyOf(pair);
    const [start, end] = pairRange(text, pair);
    last = Math.max(last, end);
    if (!(key in after) || after[key] === undefined) {
      // Remove the whole line(s) of the pair, with the line break before it.
      const lineStart = text.lastIndexOf('\n', start - 1);
      edits.push({ start: lineStart === -1 ? 0 : lineStart, end, text: '' });
      continue;
    }
    if (deepEqual(before[key], after[key])) continue;
    const node = pair.value as Node | null;
    if (!patchValue(text, node, before[key], after[key], edits)) {
      edits.push({ start, end, text: pairText(key, after[key], col, node, text) });
    }
  }
  const added = Object.keys(after).filter((k) => !(k in before) && after[k] !== undefined);
  if (added.length) {
    if (last === -1) return false;
    edits.push({ start: last, end: last, text: added.map((k) => `\n${' '.repeat(col)}${pairText(k, after[k], col)}`).join('') });
  }
  return true;
}

function patchSeq(text: string, seq: YAMLSeq, before: unknown[], after: unknown[], edits: Edit[]): boolean {
  if (seq.flow || after.length < before.length || seq.items.length !== before.length) return false;
  for (let i = 0; i < before.length; i++) {
    if (deepEqual(before[i], after[i])) continue;
    const node = seq.items[i] as Node;
    if (!patchValue(text, node, before[i], after[i], edits)) {
      const [start, end] = [node.range![0], trimEnd(text, node.range![0], node.range![1])];
      if (isObj(after[i]) && !isFlow(node)) {
        const col = column(text, start);
        edits.push({ start, end, text: indentLines(dump(after[i]), col).slice(col) });
      } else {
        edits.push({ start, end, text: inline(after[i], node, flowPadded(text, node)) });
      }
    }
  }
  if (after.length > before.length) {
    if (!seq.items.length) return false;
    const lastNode = seq.items[seq.items.length - 1] as Node;
    const end = trimEnd(text, lastNode.range![0], lastNode.range![1]);
    const dash = column(text, seq.range![0]);
    const flowItems = isFlow(seq.items[0]);
    const padded = flowPadded(text, seq.items[0]);
    const added = after.slice(before.length).map((item) => {
      const body = flowItems || !isObj(item) ? `- ${inline(item, seq.items[0], padded)}` : dump([item]);
      return `\n${indentLines(body, dash)}`;
    });
    edits.push({ start: end, end, text: added.join('') });
  }
  return true;
}

/** Patches `node` in place when its structure allows it; false means "replace it whole". */
function patchValue(text: string, node: Node | null, before: unknown, after: unknown, edits: Edit[]): boolean {
  if (isMap(node) && isObj(before) && isObj(after)) return patchMap(text, node, before, after, edits);
  if (isSeq(node) && Array.isArray(before) && Array.isArray(after)) return patchSeq(text, node, before, after, edits);
  return false;
}

function apply(text: string, edits: Edit[]): string {
  let out = text;
  // Last offset first; at the same offset the later edit first, so that an insertion inside a
  // nested value (pushed first) lands before a new sibling key inserted at the same place.
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The data a YAML text holds, as the editor sees it (JSON: dates stay `YYYY-MM-DD` strings). */
export function readYamlData(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0]!.message.split('\n')[0]);
  return doc.toJS() ?? {};
}

/**
 * `text` rewritten to hold `data`, changing only what differs. Falls back to a fresh YAML dump of
 * the whole document only when the root changes kind (never for a valid entry).
 */
export function patchYaml(text: string, data: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0]!.message.split('\n')[0]);
  const before = doc.toJS() ?? {};
  const after = clean(data);
  if (deepEqual(before, after)) return text;
  const edits: Edit[] = [];
  if (patchValue(text, doc.contents as Node | null, before, after, edits)) return apply(text, edits);
  return dump(after);
}

const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/;

export interface EntrySource {
  data: Obj;
  body: string;
}

/** Frontmatter data and body of an MDX source. */
export function readEntry(source: string): EntrySource {
  const m = FRONTMATTER.exec(source);
  if (!m) throw new Error('missing --- frontmatter block at the top of the file');
  const data = readYamlData(m[2] ?? '');
  if (!isObj(data)) throw new Error('the frontmatter is not a mapping of fields');
  return { data, body: source.slice(m[0].length) };
}

/** The MDX source with its frontmatter patched to `data` and its body set to `body`. */
export function writeEntry(source: string, next: EntrySource): string {
  const m = FRONTMATTER.exec(source);
  if (!m) throw new Error('missing --- frontmatter block at the top of the file');
  const yaml = m[2] ?? '';
  const patched = patchYaml(yaml, next.data);
  const fm = patched.endsWith('\n') || patched === '' ? patched : `${patched}\n`;
  return m[1] + fm + m[3] + next.body;
}

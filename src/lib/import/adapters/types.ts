/**
 * The interface every ticket-system adapter implements, and the helpers they share. An adapter
 * knows one export shape: how to recognise it, which columns it needs, how to read its records
 * and how to map one record to the common escalation shape (with the system's German and English
 * display values of state and close fields).
 */
import type { EscalationInput, ImportMapping } from '../../../schemas/escalation.ts';
import type { RecordOrError, ReadOptions } from '../read.ts';

export type Mapped =
  | {
      kind: 'record';
      escalation: EscalationInput;
      persons: string[];
      /** When the ticket was opened, where the export says (`kb report`'s new vs known). */
      openedAt?: Date | undefined;
    }
  | { kind: 'skip'; id: string; reason: string }
  | { kind: 'reject'; id: string; reason: string };

export interface MapContext {
  teamPattern: RegExp;
  mapping?: ImportMapping | undefined;
}

/** What detection may look at: the path, and for files the CSV header or the start of the JSON. */
export interface DetectInput {
  path: string;
  isDirectory: boolean;
  /** Lowercase extension with the dot, e.g. `.csv`. */
  ext: string;
  /** CSV header cells (files that are not JSON). */
  header?: readonly string[];
  /** First 4 KB of a JSON file. */
  jsonStart?: string;
}

export interface Adapter {
  /** The `--from` value. */
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  /** Whether a file or folder is this system's export (never true for the generic formats). */
  detect(input: DetectInput): boolean;
  /** Columns a CSV export must have (after label mapping); empty for JSON/folder formats. */
  requiredColumns(mapping?: ImportMapping): readonly string[];
  /** Reads the records of one file or folder. */
  read(path: string, o: ReadOptions): AsyncGenerator<RecordOrError>;
  /** One raw record to an escalation, a skip or a reject. */
  map(raw: Record<string, unknown>, ctx: MapContext): Mapped;
  /** State/status values (German and English display values) that count as resolved; for docs and tests. */
  readonly resolvedValues: readonly string[];
  /** Header labels the system writes instead of field names, mapped to the field names (ServiceNow "Number" → `number`). */
  readonly headerLabels?: Readonly<Record<string, string>>;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? '' : String(v));
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' && v ? [v] : []);
/** A field that may repeat (Jira's Labels, Components): its values joined. */
export const joined = (v: unknown): string => (Array.isArray(v) ? v.map(str).join(', ') : str(v));

/** A display value for comparison: case, accents and surrounding space ignored (`Gelöst` = `gelost` = ` GELÖST`). */
export const valueKey = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
export const sameValue = (a: string, b: string) => valueKey(a) === valueKey(b);
const valueSets = new WeakMap<readonly string[], Set<string>>();
/** Whether `value` is one of `values` in the sense of `sameValue`. */
export function oneOf(value: string, values: readonly string[]): boolean {
  let set = valueSets.get(values);
  if (!set) valueSets.set(values, (set = new Set(values.map(valueKey))));
  return set.has(valueKey(value));
}

/** Dates as the tools write them: ISO, `2026-11-03 14:22:10`, `03/Nov/26 2:15 PM` (Jira), `03.11.2026 14:22` (GLPI/Excel). */
export function parseDate(value: string): Date | undefined {
  const v = value.trim();
  if (!v) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  m = /^(\d{1,2})\/([A-Za-zä]{3})\/(\d{2,4})(?:\s+(\d{1,2}):(\d{2})\s*([AP]M)?)?/i.exec(v);
  if (m) {
    const mon = m[2]!.toLowerCase();
    let month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(mon);
    if (month < 0) month = ['jan', 'feb', 'mär', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'].indexOf(mon);
    if (month < 0) return undefined;
    const year = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    let hour = +(m[4] ?? 0);
    if (m[6]) hour = (hour % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
    return new Date(Date.UTC(year, month, +m[1]!, hour, +(m[5] ?? 0)));
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(v);
  if (m) return new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0)));
  return undefined;
}

/** Team names that mean second or third level: `L2`, `Level 2`, `2nd Level`, `Second Level`, `3rd Level`, `2nd-Level-Support`… */
export const DEFAULT_TEAM_PATTERN =
  /(?:^|[^a-z0-9])(?:l\s?[23]|level\s*[23]|[23](?:nd|rd|\.)[\s-]*level|(?:second|third|zweite[rs]?|dritte[rs]?)[\s-]*level)(?![a-z0-9])/i;

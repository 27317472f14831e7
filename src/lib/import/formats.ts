/**
 * Ticket-system formats, exactly as the tools export them, mapped to one escalation shape:
 * ServiceNow (CSV list export, Table API JSON plain or with display values), Jira Service
 * Management (CSV, all fields), Zammad (saved REST responses), GLPI (search CSV) and a generic
 * CSV/JSON with a mapping file. Each record is resolved + escalated, skipped with a reason, or
 * rejected with a reason.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { EscalationInput, ImportMapping } from '../../schemas/escalation.ts';
import { csvHeader, type RawRecord } from './read.ts';
import { htmlToText, jiraToText } from './text.ts';

export const FORMATS = ['servicenow', 'jira', 'zammad', 'glpi', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export type Mapped =
  | { kind: 'record'; escalation: EscalationInput; persons: string[] }
  | { kind: 'skip'; id: string; reason: string }
  | { kind: 'reject'; id: string; reason: string };

/** Team names that mean second or third level: `L2`, `Level 2`, `2nd Level`, `Second Level`, `3rd Level`, `2nd-Level-Support`… */
export const DEFAULT_TEAM_PATTERN = /(?:^|[^a-z0-9])(?:l\s?[23]|level\s*[23]|[23](?:nd|rd|\.)[\s-]*level|(?:second|third|zweite[rs]?|dritte[rs]?)[\s-]*level)(?![a-z0-9])/i;

export interface MapContext {
  teamPattern: RegExp;
  mapping?: ImportMapping;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? '' : String(v));

/** Dates as the tools write them: ISO, `2026-11-03 14:22:10`, `03/Nov/26 2:15 PM` (Jira), `03.11.2026 14:22` (GLPI/Excel). */
export function parseDate(value: string): Date | undefined {
  const v = value.trim();
  if (!v) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2,4})(?:\s+(\d{1,2}):(\d{2})\s*([AP]M))?/i.exec(v);
  if (m) {
    const month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m[2]!.toLowerCase());
    if (month < 0) return undefined;
    const year = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    let hour = +(m[4] ?? 0) % 12;
    if (m[6]?.toUpperCase() === 'PM') hour += 12;
    return new Date(Date.UTC(year, month, +m[1]!, hour, +(m[5] ?? 0)));
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/.exec(v);
  if (m) return new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0)));
  return undefined;
}

/** Which format a file or folder is, from its shape; undefined when it cannot tell. */
export function detectFormat(path: string): Format | undefined {
  if (statSync(path).isDirectory()) return existsSync(join(path, 'tickets.json')) ? 'zammad' : undefined;
  if (extname(path).toLowerCase() === '.json') {
    const start = readFileSync(path, 'utf8').slice(0, 4096);
    if (/"result"\s*:/.test(start) || /"short_description"/.test(start)) return 'servicenow';
    return 'json';
  }
  if (statSync(path).size === 0) return undefined;
  const { header } = csvHeader(path);
  const has = (...h: string[]) => h.every((x) => header.includes(x));
  if (has('number', 'short_description')) return 'servicenow';
  if (has('Issue key', 'Summary')) return 'jira';
  if (has('ID', 'Title', 'Status') && header.some((h) => h.startsWith('Solution'))) return 'glpi';
  return undefined;
}

/** Columns a CSV export of each format must have; without them no record can be read. */
export const REQUIRED_COLUMNS: Partial<Record<Format, string[]>> = {
  servicenow: ['number', 'short_description', 'state'],
  jira: ['Issue key', 'Summary', 'Status Category'],
  glpi: ['ID', 'Title', 'Status'],
};

/** The required columns missing from a CSV header. */
export function missingColumns(format: Format, header: readonly string[], mapping?: ImportMapping): string[] {
  const required = format === 'csv' && mapping ? [mapping.columns.id, mapping.columns.title, mapping.columns.resolution] : (REQUIRED_COLUMNS[format] ?? []);
  return required.filter((c) => !header.includes(c));
}

// ServiceNow ----------------------------------------------------------------------------------

interface JournalEntry {
  when: string;
  author: string;
  kind: string;
  text: string;
}

/** A ServiceNow journal field: newest first, each entry headed `YYYY-MM-DD HH:MM:SS - Name (Work notes)`. */
export function parseJournal(text: string): JournalEntry[] {
  const re = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) - (.+?) \(([^)\n]+)\)\s*$/gm;
  const heads = [...text.matchAll(re)];
  return heads.map((h, i) => ({
    when: h[1]!,
    author: h[2]!.trim(),
    kind: h[3]!,
    text: text.slice(h.index! + h[0].length, heads[i + 1]?.index ?? text.length).trim(),
  }));
}

function snField(raw: Record<string, unknown>, key: string): { display: string; value: string } {
  const v = raw[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { display_value?: unknown; value?: unknown };
    return { display: str(o.display_value ?? ''), value: str(o.value ?? '') };
  }
  return { display: str(v), value: str(v) };
}

export function mapServiceNow(raw: Record<string, unknown>, ctx: MapContext): Mapped {
  const f = (k: string) => snField(raw, k).display;
  const id = f('number') || snField(raw, 'sys_id').value;
  const state = snField(raw, 'state');
  const stateKey = /^\d+$/.test(state.value) ? state.value : state.display;
  const resolved = ['6', '7', 'Resolved', 'Closed'].includes(stateKey) || ['Resolved', 'Closed'].includes(state.display);
  if (!resolved) return { kind: 'skip', id, reason: `state "${state.display || state.value}" is not resolved` };
  if (/^duplicate$/i.test(f('close_code').trim())) return { kind: 'skip', id, reason: 'close code "Duplicate"' };
  const group = f('assignment_group');
  // Plain Table API JSON gives references as sys_ids: no team name, so the record counts.
  const teamKnown = group !== '' && !/^[0-9a-f]{32}$/.test(group);
  if (teamKnown && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (resolved by "${group}")` };
  const journal = [...parseJournal(f('work_notes')), ...parseJournal(f('comments'))];
  const latestNote = [...journal].sort((a, b) => b.when.localeCompare(a.when))[0]?.text ?? '';
  const persons = [f('caller_id'), f('assigned_to'), f('resolved_by'), f('opened_by'), ...journal.map((j) => j.author)];
  return {
    kind: 'record',
    persons,
    escalation: {
      system: 'servicenow',
      id,
      title: f('short_description'),
      problem: f('description'),
      environment: [f('category'), f('subcategory'), f('cmdb_ci')].filter(Boolean),
      resolution: f('close_notes') || latestNote,
      category: [f('category'), f('subcategory')].filter(Boolean).join(' > '),
      resolvedAt: parseDate(f('resolved_at') || f('closed_at')),
      team: teamKnown ? group : '',
    },
  };
}

// Jira Service Management --------------------------------------------------------------------

/** `03/Nov/26 2:15 PM;557058:abcd…;body`: split on the first two semicolons only. */
export function parseJiraComment(cell: string): { when: string; author: string; body: string } {
  const a = cell.indexOf(';');
  const b = a === -1 ? -1 : cell.indexOf(';', a + 1);
  if (a === -1 || b === -1) return { when: '', author: '', body: cell };
  return { when: cell.slice(0, a), author: cell.slice(a + 1, b), body: cell.slice(b + 1) };
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function mapJira(raw: RawRecord, ctx: MapContext): Mapped {
  const f = (k: string) => (Array.isArray(raw[k]) ? (raw[k] as string[]).join(', ') : str(raw[k]));
  const id = f('Issue key');
  if (f('Status Category') !== 'Done') return { kind: 'skip', id, reason: `status category "${f('Status Category') || f('Status')}" is not Done` };
  const resolution = f('Resolution').trim();
  if (/^(duplicate|won't do|won’t do)$/i.test(resolution)) return { kind: 'skip', id, reason: `resolution "${resolution}" is not a solution` };
  const teamValues = [...list(raw['Components']), ...list(raw['Component/s']), ...list(raw['Labels'])];
  if (teamValues.length && !teamValues.some((t) => ctx.teamPattern.test(t))) {
    return { kind: 'skip', id, reason: `not escalated (components/labels: ${teamValues.join(', ')})` };
  }
  const comments = list(raw['Comment']).map(parseJiraComment);
  return {
    kind: 'record',
    persons: [f('Reporter'), f('Assignee'), f('Creator')],
    escalation: {
      system: 'jira',
      id,
      title: f('Summary'),
      problem: jiraToText(f('Description')),
      environment: [f('Environment'), ...list(raw['Components'])].filter(Boolean),
      resolution: jiraToText(comments.at(-1)?.body ?? ''),
      category: list(raw['Components'])[0] ?? list(raw['Labels'])[0] ?? '',
      resolvedAt: parseDate(f('Resolved') || f('Updated')),
      team: teamValues.find((t) => ctx.teamPattern.test(t)) ?? '',
    },
  };
}

// Zammad ---------------------------------------------------------------------------------------

interface ZammadArticle {
  body?: string;
  content_type?: string;
  sender?: string;
  internal?: boolean;
  from?: string;
  created_at?: string;
}

const articleText = (a: ZammadArticle) => (a.content_type === 'text/html' ? htmlToText(str(a.body)) : str(a.body));
const nameOf = (from: string) => from.replace(/<[^>]*>/g, '').replace(/"/g, '').trim();

export function mapZammad(raw: Record<string, unknown>, ctx: MapContext): Mapped {
  const id = str(raw.number) || str(raw.id);
  const state = str(raw.state) || str((raw.state as { name?: unknown })?.name);
  if (!['closed', 'pending close'].includes(state)) return { kind: 'skip', id, reason: `state "${state}" is not closed` };
  const group = str(raw.group);
  if (group && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (group "${group}")` };
  const articles = (Array.isArray(raw.__articles) ? (raw.__articles as ZammadArticle[]) : []).slice().sort((a, b) => str(a.created_at).localeCompare(str(b.created_at)));
  const solution = [...articles].reverse().find((a) => a.sender === 'Agent');
  const first = articles.find((a) => a.sender === 'Customer') ?? articles[0];
  const tags = Array.isArray(raw.__tags) ? (raw.__tags as unknown[]).map(str) : [];
  return {
    kind: 'record',
    persons: [str(raw.customer), str(raw.owner), ...articles.map((a) => nameOf(str(a.from)))],
    escalation: {
      system: 'zammad',
      id,
      title: str(raw.title),
      problem: first ? articleText(first) : '',
      environment: tags,
      resolution: solution ? articleText(solution) : '',
      category: tags[0] ?? '',
      resolvedAt: parseDate(str(raw.close_at) || str(raw.updated_at)),
      team: group,
    },
  };
}

// GLPI -----------------------------------------------------------------------------------------

export function mapGlpi(raw: RawRecord, ctx: MapContext): Mapped {
  const f = (k: string) => str(raw[k]);
  const id = f('ID');
  const status = f('Status');
  if (!['Solved', 'Closed'].includes(status)) return { kind: 'skip', id, reason: `status "${status}" is not solved` };
  const group = f('Assigned to - Technician group');
  if (group && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (technician group "${group}")` };
  return {
    kind: 'record',
    persons: [f('Requester - Requester'), f('Assigned to - Technician'), f('Writer')],
    escalation: {
      system: 'glpi',
      id,
      title: f('Title'),
      problem: htmlToText(f('Description')),
      environment: [f('Category'), f('Associated element')].filter(Boolean),
      resolution: htmlToText(f('Solution - Solution')),
      category: f('Category'),
      resolvedAt: parseDate(f('Resolution date') || f('Closing date')),
      team: group,
    },
  };
}

// Generic CSV/JSON with a mapping ---------------------------------------------------------------

export function mapGeneric(raw: Record<string, unknown>, ctx: MapContext): Mapped {
  const m = ctx.mapping;
  if (!m) return { kind: 'reject', id: '', reason: 'the generic format needs --map mapping.yaml' };
  const f = (k: string | undefined) => (k ? (Array.isArray(raw[k]) ? (raw[k] as string[]).join(', ') : str(raw[k])) : '');
  const id = f(m.columns.id);
  if (m.columns.status && m.resolvedStatuses.length && !m.resolvedStatuses.includes(f(m.columns.status).trim())) {
    return { kind: 'skip', id, reason: `status "${f(m.columns.status)}" is not one of ${m.resolvedStatuses.join(', ')}` };
  }
  const team = f(m.columns.team);
  if (team && !ctx.teamPattern.test(team)) return { kind: 'skip', id, reason: `not escalated (team "${team}")` };
  return {
    kind: 'record',
    persons: m.columns.persons.map(f),
    escalation: {
      system: m.system,
      id,
      title: f(m.columns.title),
      problem: htmlToText(f(m.columns.description)),
      environment: [f(m.columns.category)].filter(Boolean),
      resolution: htmlToText(f(m.columns.resolution)),
      category: f(m.columns.category),
      resolvedAt: parseDate(f(m.columns.resolved)),
      team,
    },
  };
}

export function mapRecord(format: Format, raw: Record<string, unknown>, ctx: MapContext): Mapped {
  switch (format) {
    case 'servicenow':
      return mapServiceNow(raw, ctx);
    case 'jira':
      return mapJira(raw as RawRecord, ctx);
    case 'zammad':
      return mapZammad(raw, ctx);
    case 'glpi':
      return mapGlpi(raw as RawRecord, ctx);
    default:
      return mapGeneric(raw, ctx);
  }
}

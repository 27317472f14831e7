/**
 * ServiceNow: incident list export as CSV (field names or display labels as headers, English or
 * German), or Table API JSON `{"result": […]}` with plain values or `sysparm_display_value=all`.
 */
import { extname } from 'node:path';
import { readCsv, readJson } from '../read.ts';
import { isThanks, plainText } from '../text.ts';
import { oneOf, parseDate, str, type Adapter, type Mapped } from './types.ts';

/** State values that mean resolved: numbers 6/7, English and German display values. */
export const SERVICENOW_RESOLVED = ['6', '7', 'Resolved', 'Closed', 'Gelöst', 'Geschlossen', 'Abgeschlossen', 'Erledigt'] as const;
const DUPLICATE = ['Duplicate', 'Duplikat', 'Doppelt'];

/** Column labels of a list export "with display labels" (Excel/CSV from the list context menu), English and German. */
export const SERVICENOW_LABELS: Readonly<Record<string, string>> = {
  Number: 'number',
  Nummer: 'number',
  'Short description': 'short_description',
  Kurzbeschreibung: 'short_description',
  Description: 'description',
  Beschreibung: 'description',
  State: 'state',
  Status: 'state',
  Zustand: 'state',
  'Close code': 'close_code',
  'Resolution code': 'close_code',
  Abschlusscode: 'close_code',
  Lösungscode: 'close_code',
  'Close notes': 'close_notes',
  'Resolution notes': 'close_notes',
  Abschlussnotizen: 'close_notes',
  Lösungsnotizen: 'close_notes',
  Category: 'category',
  Kategorie: 'category',
  Subcategory: 'subcategory',
  Unterkategorie: 'subcategory',
  'Configuration item': 'cmdb_ci',
  Konfigurationselement: 'cmdb_ci',
  'Assignment group': 'assignment_group',
  Zuweisungsgruppe: 'assignment_group',
  Caller: 'caller_id',
  Anrufer: 'caller_id',
  'Assigned to': 'assigned_to',
  'Zugewiesen an': 'assigned_to',
  'Resolved by': 'resolved_by',
  'Gelöst von': 'resolved_by',
  'Opened by': 'opened_by',
  'Geöffnet von': 'opened_by',
  Opened: 'opened_at',
  Geöffnet: 'opened_at',
  Resolved: 'resolved_at',
  Gelöst: 'resolved_at',
  Closed: 'closed_at',
  Geschlossen: 'closed_at',
  'Work notes': 'work_notes',
  Arbeitsnotizen: 'work_notes',
  'Additional comments': 'comments',
  'Zusätzliche Kommentare': 'comments',
  Watchlist: 'watch_list',
  Beobachtungsliste: 'watch_list',
};

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

function field(raw: Record<string, unknown>, key: string): { display: string; value: string } {
  const v = raw[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { display_value?: unknown; value?: unknown };
    return { display: str(o.display_value ?? ''), value: str(o.value ?? '') };
  }
  return { display: str(v), value: str(v) };
}

export const servicenow: Adapter = {
  id: 'servicenow',
  label: 'ServiceNow',
  resolvedValues: SERVICENOW_RESOLVED,
  headerLabels: SERVICENOW_LABELS,
  detect({ ext, header, jsonStart }) {
    if (ext === '.json') return !!jsonStart && (/"result"\s*:/.test(jsonStart) || /"short_description"/.test(jsonStart));
    if (!header) return false;
    const names = header.map((h) => SERVICENOW_LABELS[h] ?? h);
    return names.includes('number') && names.includes('short_description');
  },
  requiredColumns: () => ['number', 'short_description', 'state'],
  read(path, o) {
    return extname(path).toLowerCase() === '.json'
      ? readJson(path)
      : readCsv(path, { ...o, idColumn: 'number', headerLabels: SERVICENOW_LABELS });
  },
  map(raw, ctx): Mapped {
    const f = (k: string) => plainText(field(raw, k).display);
    const id = f('number') || field(raw, 'sys_id').value;
    const state = field(raw, 'state');
    const resolved = oneOf(state.value, SERVICENOW_RESOLVED) || oneOf(state.display, SERVICENOW_RESOLVED);
    if (!resolved) return { kind: 'skip', id, reason: `state "${state.display || state.value}" is not resolved` };
    if (oneOf(f('close_code'), DUPLICATE)) return { kind: 'skip', id, reason: `close code "${f('close_code').trim()}"` };
    const group = f('assignment_group');
    // Plain Table API JSON gives references as sys_ids: no team name, so the record counts.
    const teamKnown = group !== '' && !/^[0-9a-f]{32}$/.test(group);
    if (teamKnown && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (resolved by "${group}")` };
    const notes = parseJournal(f('work_notes'));
    const comments = parseJournal(f('comments'));
    // The resolution: close notes; else the newest agent work note that is not a "thanks".
    const latestNote = [...notes].sort((a, b) => b.when.localeCompare(a.when)).find((n) => !isThanks(n.text))?.text ?? '';
    const persons = [
      f('caller_id'),
      f('assigned_to'),
      f('resolved_by'),
      f('opened_by'),
      ...f('watch_list').split(','),
      ...notes.map((j) => j.author),
      ...comments.map((j) => j.author),
    ];
    return {
      kind: 'record',
      persons,
      openedAt: parseDate(f('opened_at') || f('sys_created_on')),
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
  },
};

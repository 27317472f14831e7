/** Any CSV (German Excel: `;`, UTF-8/UTF-16/Windows-1252) or JSON, with `--map mapping.yaml`. */
import { extname } from 'node:path';
import type { ImportMapping } from '../../../schemas/escalation.ts';
import { readCsv, readJson } from '../read.ts';
import { htmlToText } from '../text.ts';
import { joined, oneOf, parseDate, type Adapter, type Mapped } from './types.ts';

function mapGeneric(raw: Record<string, unknown>, ctx: { teamPattern: RegExp; mapping?: ImportMapping | undefined }): Mapped {
  const m = ctx.mapping;
  if (!m) return { kind: 'reject', id: '', reason: 'the generic format needs --map mapping.yaml' };
  const f = (k: string | undefined) => (k ? joined(raw[k]) : '');
  const id = f(m.columns.id);
  if (m.columns.status && m.resolvedStatuses.length && !oneOf(f(m.columns.status), m.resolvedStatuses)) {
    return { kind: 'skip', id, reason: `status "${f(m.columns.status)}" is not one of ${m.resolvedStatuses.join(', ')}` };
  }
  const team = f(m.columns.team);
  if (team && !ctx.teamPattern.test(team)) return { kind: 'skip', id, reason: `not escalated (team "${team}")` };
  return {
    kind: 'record',
    openedAt: parseDate(f(m.columns.opened)),
    persons: m.columns.persons.map(f),
    escalation: {
      system: m.system,
      id,
      title: htmlToText(f(m.columns.title)),
      problem: htmlToText(f(m.columns.description)),
      environment: [f(m.columns.category)].filter(Boolean),
      resolution: htmlToText(f(m.columns.resolution)),
      category: f(m.columns.category),
      resolvedAt: parseDate(f(m.columns.resolved)),
      team,
    },
  };
}

const requiredOf = (m?: ImportMapping) => (m ? [m.columns.id, m.columns.title, m.columns.resolution] : []);

export const genericCsv: Adapter = {
  id: 'csv',
  label: 'generic CSV',
  resolvedValues: [],
  detect: () => false,
  requiredColumns: requiredOf,
  read: (path, o) => readCsv(path, o),
  map: mapGeneric,
};

export const genericJson: Adapter = {
  id: 'json',
  label: 'generic JSON',
  resolvedValues: [],
  detect: () => false,
  requiredColumns: () => [],
  read: (path) => readJson(path),
  map: mapGeneric,
};

/** The generic adapter a file gets when a mapping is given and no system was detected. */
export const genericFor = (path: string) => (extname(path).toLowerCase() === '.json' ? genericJson : genericCsv);

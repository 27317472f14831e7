/** GLPI: ticket search export as CSV (`;`, BOM, every cell quoted, trailing `;`, HTML-encoded cells). */
import { readCsv } from '../read.ts';
import { htmlToText } from '../text.ts';
import { oneOf, parseDate, str, type Adapter, type Mapped } from './types.ts';

/** Status values that mean solved (English and German UI). */
export const GLPI_SOLVED = ['Solved', 'Closed', 'Gelöst', 'Geschlossen'] as const;

export const glpi: Adapter = {
  id: 'glpi',
  label: 'GLPI',
  resolvedValues: GLPI_SOLVED,
  detect: ({ header }) =>
    !!header &&
    header.includes('ID') &&
    header.includes('Title') &&
    header.includes('Status') &&
    header.some((h) => h.startsWith('Solution')),
  requiredColumns: () => ['ID', 'Title', 'Status'],
  read: (path, o) => readCsv(path, { ...o, idColumn: 'ID' }),
  map(raw, ctx): Mapped {
    const f = (k: string) => str(raw[k]);
    const id = f('ID');
    const status = f('Status');
    if (!oneOf(status, GLPI_SOLVED)) return { kind: 'skip', id, reason: `status "${status}" is not solved` };
    const group = f('Assigned to - Technician group');
    if (group && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (technician group "${group}")` };
    return {
      kind: 'record',
      openedAt: parseDate(f('Opening date')),
      persons: [f('Requester - Requester'), f('Assigned to - Technician'), f('Writer'), f('Watcher - Watcher')],
      escalation: {
        system: 'glpi',
        id,
        title: htmlToText(f('Title')),
        problem: htmlToText(f('Description')),
        environment: [f('Category'), f('Associated element')].filter(Boolean),
        resolution: htmlToText(f('Solution - Solution')),
        category: f('Category'),
        resolvedAt: parseDate(f('Resolution date') || f('Closing date')),
        team: group,
      },
    };
  },
};

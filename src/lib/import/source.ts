/**
 * Opening one ticket export the way `kb import` does: the adapter (detected, or `--from`), the
 * generic adapter when a mapping is given, the CSV header checked for the adapter's required
 * columns (with the encoding and delimiter it read), then the records one by one. Shared by
 * `kb import` and `kb report --tickets`, so both read an export identically.
 */
import { existsSync, statSync } from 'node:fs';
import type { ImportMapping } from '../../schemas/escalation.ts';
import { adapterFor, detectAdapter, detectInput, type Adapter } from './adapters/index.ts';
import { genericFor } from './adapters/generic.ts';
import { csvHeader, delimiterName, type RecordOrError } from './read.ts';

export interface ExportOptions {
  /** `--from`: an adapter id (servicenow, jira, zammad, glpi, csv, json). */
  format?: string | undefined;
  mapping?: ImportMapping | undefined;
  onFormat?: ((file: string, format: string, detected: boolean, note: string) => void) | undefined;
}

/** A record of the export, or the export itself rejected (file not found, unknown format, missing columns). */
export type ExportItem =
  { kind: 'item'; adapter: Adapter; item: RecordOrError } | { kind: 'rejected'; system: string; where: string; reason: string };

/** The adapter for one input, or a reject reason. */
export function chooseAdapter(file: string, o: ExportOptions): { adapter: Adapter; detected: boolean } | { reason: string } {
  if (!existsSync(file)) return { reason: 'file not found' };
  if (o.format) {
    const a = adapterFor(o.format);
    return a ? { adapter: a, detected: false } : { reason: `unknown --from "${o.format}"` };
  }
  const input = detectInput(file, o.mapping?.delimiter);
  const a = detectAdapter(input);
  if (a) return { adapter: a, detected: true };
  if (o.mapping && !input.isDirectory) return { adapter: genericFor(file), detected: true };
  return { reason: 'unknown format: not ServiceNow, Jira, Zammad or GLPI; use --from and --map for other exports' };
}

/** The records of one export file or folder, in order; a file that cannot be read is one `rejected` item. */
export async function* exportRecords(file: string, o: ExportOptions): AsyncGenerator<ExportItem> {
  const chosen = chooseAdapter(file, o);
  if ('reason' in chosen) {
    yield { kind: 'rejected', system: '', where: file, reason: chosen.reason };
    return;
  }
  const { adapter } = chosen;
  const delimiter = o.mapping?.delimiter;
  const isCsv = existsSync(file) && !statSync(file).isDirectory() && statSync(file).size > 0 && !file.toLowerCase().endsWith('.json');
  let note = '';
  if (isCsv && adapter.requiredColumns(o.mapping).length) {
    const head = csvHeader(file, delimiter);
    const labels = adapter.headerLabels ?? {};
    const names = head.header.map((h) => labels[h] ?? h);
    const mapped = head.header.filter((h) => labels[h]).length;
    if (mapped) note = `display labels mapped to field names (${mapped} columns)`;
    const missing = adapter.requiredColumns(o.mapping).filter((c) => !names.includes(c));
    o.onFormat?.(
      file,
      adapter.id,
      chosen.detected,
      [note, `${head.encoding}, ${delimiterName(head.delimiter)}`].filter(Boolean).join('; '),
    );
    if (missing.length) {
      const hint =
        adapter.id === 'servicenow' ? '; in ServiceNow export the list as CSV (field names) or with English/German display labels' : '';
      yield {
        kind: 'rejected',
        system: adapter.id,
        where: `${file}:1`,
        reason: `missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (read as ${head.encoding}, delimiter ${delimiterName(head.delimiter)}, ${head.header.length} columns${delimiter ? ' as set in the mapping' : ''}${hint})`,
      };
      return;
    }
  } else o.onFormat?.(file, adapter.id, chosen.detected, note);
  for await (const item of adapter.read(file, { delimiter })) yield { kind: 'item', adapter, item };
}

/**
 * The importer's state files in content/escalations/ — links.json (every ticket ever imported),
 * drafts.json (generated drafts and their redacted tickets), insights.json (aggregates) — read
 * with their schemas. A corrupt file stops the import with its path and what to do; nothing is
 * overwritten in that case.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

export class ImportStateError extends Error {}

/** A state file parsed with its schema; `fallback` when it does not exist yet. */
export function readState<S extends z.ZodType>(path: string, displayPath: string, schema: S, fallback: z.output<S>): z.output<S> {
  if (!existsSync(path)) return fallback;
  const advice = `It is written by kb import: restore it from version control (git checkout -- ${displayPath}) or delete it to start over (every ticket in the next export is then imported again).`;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ImportStateError(
      `${displayPath} is not valid JSON (${String((e as Error).message)
        .replace(/"[^"]*"/g, '…')
        .slice(0, 100)}). ${advice}`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ImportStateError(`${displayPath} is corrupt: ${i.path.join('.') || '(root)'}: ${i.message}. ${advice}`);
  }
  return parsed.data;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** JSON with sorted top-level keys, so the same state is the same bytes. */
export const sortedJson = (o: Record<string, unknown>) =>
  `${JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), null, 2)}\n`;

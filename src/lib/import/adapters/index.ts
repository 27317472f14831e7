/**
 * The registry of ticket-system adapters. Adding a system = one file in this folder implementing
 * `Adapter` (see types.ts), one line below, and a fixture test: a small export in
 * test/fixtures/imports/ and a case in test/unit/import-adapters.test.ts that detects and maps it.
 * The order matters only for detection: the first adapter whose `detect` is true wins.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { csvHeader, detectEncoding } from '../read.ts';
import { genericCsv, genericJson } from './generic.ts';
import { glpi } from './glpi.ts';
import { jira } from './jira.ts';
import { servicenow } from './servicenow.ts';
import type { Adapter, DetectInput } from './types.ts';
import { zammad } from './zammad.ts';

export const ADAPTERS = [servicenow, jira, zammad, glpi, genericCsv, genericJson] as const satisfies readonly Adapter[];
export const FORMATS = ADAPTERS.map((a) => a.id) as readonly string[];
export type Format = (typeof ADAPTERS)[number]['id'];

export function adapterFor(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/** What detection looks at, read once per file. */
export function detectInput(path: string, delimiter?: string): DetectInput {
  const st = statSync(path);
  const ext = extname(path).toLowerCase();
  if (st.isDirectory()) return { path, isDirectory: true, ext };
  if (st.size === 0) return { path, isDirectory: false, ext };
  if (ext === '.json') {
    const buf = Buffer.alloc(4096);
    const fd = openSync(path, 'r');
    try {
      const n = readSync(fd, buf, 0, buf.length, 0);
      return {
        path,
        isDirectory: false,
        ext,
        jsonStart: new TextDecoder(detectEncoding(buf.subarray(0, n))).decode(buf.subarray(0, n & ~1)),
      };
    } finally {
      closeSync(fd);
    }
  }
  return { path, isDirectory: false, ext, header: csvHeader(path, delimiter).header };
}

/** The adapter whose export this is; undefined when none recognises it. */
export function detectAdapter(input: DetectInput): Adapter | undefined {
  return ADAPTERS.find((a) => a.detect(input));
}

export type { Adapter, Mapped, MapContext } from './types.ts';
export { DEFAULT_TEAM_PATTERN, parseDate } from './types.ts';

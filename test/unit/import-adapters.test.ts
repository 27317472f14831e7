/**
 * The adapter registry: every ticket system is one adapter (test/fixtures/imports has one export
 * per system); each detects its own export and nothing else, reads it, and maps its records. A new
 * system adds its fixture and one case to CASES.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor, detectAdapter, detectInput, DEFAULT_TEAM_PATTERN } from '../../src/lib/import/adapters/index.ts';
import { SERVICENOW_LABELS } from '../../src/lib/import/adapters/servicenow.ts';

const F = 'test/fixtures/imports';
const CASES = [
  { adapter: 'servicenow', file: `${F}/servicenow-incidents.csv`, first: 'INC0010101', records: 8 },
  { adapter: 'servicenow', file: `${F}/servicenow-api.json`, first: 'INC0020001', records: 2 },
  { adapter: 'jira', file: `${F}/jira-export.csv`, first: 'ITSD-4711', records: 4 },
  { adapter: 'zammad', file: `${F}/zammad`, first: '31001', records: 3 },
  { adapter: 'glpi', file: `${F}/glpi-tickets.csv`, first: '1042', records: 3 },
] as const;

describe('ticket-system adapters', () => {
  it('lists every system once, each with German and English resolved values where the system has a state', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(['servicenow', 'jira', 'zammad', 'glpi', 'csv', 'json']);
    for (const id of ['servicenow', 'glpi']) {
      const values = adapterFor(id)!.resolvedValues;
      expect(values, id).toEqual(expect.arrayContaining(['Gelöst', 'Geschlossen']));
    }
    expect(adapterFor('jira')!.resolvedValues).toEqual(expect.arrayContaining(['Done', 'Fertig']));
    expect(adapterFor('zammad')!.resolvedValues).toEqual(expect.arrayContaining(['closed', 'geschlossen']));
    expect(SERVICENOW_LABELS['Kurzbeschreibung']).toBe('short_description');
  });

  for (const c of CASES) {
    it(`${c.adapter}: detects ${c.file.split('/').pop()}, reads ${c.records} records and maps them`, async () => {
      const found = detectAdapter(detectInput(c.file));
      expect(found?.id).toBe(c.adapter);
      for (const other of ADAPTERS.filter((a) => a.id !== c.adapter)) expect(other.detect(detectInput(c.file)), other.id).toBe(false);
      const adapter = adapterFor(c.adapter)!;
      const items = [];
      for await (const item of adapter.read(c.file, {})) items.push(item);
      expect(items).toHaveLength(c.records);
      const mapped = items.map((i) =>
        'raw' in i ? adapter.map(i.raw as Record<string, unknown>, { teamPattern: DEFAULT_TEAM_PATTERN }) : i,
      );
      const firstId = mapped[0] && 'kind' in mapped[0] ? (mapped[0].kind === 'record' ? mapped[0].escalation.id : mapped[0].id) : '';
      expect(firstId).toBe(c.first);
      expect(mapped.some((m) => 'kind' in m && m.kind === 'record')).toBe(true);
    });
  }

  it('detects nothing in an unknown CSV and an empty file', () => {
    expect(detectAdapter(detectInput(`${F}/unknown.csv`))).toBeUndefined();
    expect(detectAdapter(detectInput(`${F}/empty.csv`))).toBeUndefined();
  });
});

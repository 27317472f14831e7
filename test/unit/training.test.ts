import { describe, expect, it } from 'vitest';
import { trainingSchema } from '../../src/schemas/training.ts';
import { splitSessions, trainingNeeds, zonedToUtc } from '../../src/lib/training.ts';
import { slugify } from '../../src/lib/scaffold.ts';

describe('session times', () => {
  it('converts Berlin wall-clock time to UTC across daylight saving', () => {
    expect(zonedToUtc('2027-01-20T09:00', 'Europe/Berlin').toISOString()).toBe('2027-01-20T08:00:00.000Z');
    expect(zonedToUtc('2027-07-07T14:00', 'Europe/Berlin').toISOString()).toBe('2027-07-07T12:00:00.000Z');
    expect(zonedToUtc('2027-03-28T03:00', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(zonedToUtc('2027-10-31T12:00', 'America/New_York').toISOString()).toBe('2027-10-31T16:00:00.000Z');
  });

  it('splits upcoming and past sessions', () => {
    const s = (id: string, start: string, end: string) => ({ session: { id }, start: new Date(start), end: new Date(end) }) as never;
    const { upcoming, past } = splitSessions(
      [s('b', '2027-02-01', '2027-02-01T01:00Z'), s('a', '2026-12-01', '2026-12-01T01:00Z'), s('old', '2026-01-01', '2026-01-01T01:00Z')],
      new Date('2026-11-27'),
    );
    expect(upcoming.map((x: { session: { id: string } }) => x.session.id)).toEqual(['a', 'b']);
    expect(past.map((x: { session: { id: string } }) => x.session.id)).toEqual(['old']);
  });
});

describe('training schema', () => {
  const base = {
    title: 'Phishing erkennen',
    summary: 'Eine Schulung für alle Mitarbeitenden.',
    audience: 'employee',
    level: 'basic',
    duration: 60,
    objectives: ['Phishing erkennen'],
    owner: 'L3 Security Operations',
    lang: 'de',
    category: 'sicherheit',
  };
  const session = {
    id: 's1',
    start: '2027-02-10T09:00',
    end: '2027-02-10T10:00',
    format: 'online',
    link: 'https://teams.example/x',
    trainer: 'A',
    capacity: 10,
    registration: { mail: 'a@muster.example' },
  };
  const issues = (sessions: unknown[]) =>
    trainingSchema.safeParse({ ...base, sessions }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts a valid module and defaults the time zone', () => {
    const r = trainingSchema.parse({ ...base, sessions: [session] });
    expect(r.sessions[0]).toMatchObject({ timezone: 'Europe/Berlin', status: 'planned', sequence: 0 });
  });

  it('requires the end after the start, a room on site, a link online, and unique session ids', () => {
    expect(issues([{ ...session, end: '2027-02-10T08:00' }])).toEqual(['sessions.0.end: must be after `start`']);
    expect(issues([{ ...session, format: 'on-site', link: undefined }])).toEqual([
      'sessions.0.room: a room is required for on-site sessions',
    ]);
    expect(issues([{ ...session, link: undefined }])).toEqual(['sessions.0.link: a meeting link is required for online sessions']);
    expect(issues([session, session])).toEqual(['sessions.1.id: duplicate session id "s1"']);
    expect(issues([{ ...session, timezone: 'Mars/Olympus' }])).toEqual([
      'sessions.0.timezone: expected an IANA time zone such as "Europe/Berlin"',
    ]);
  });
});

describe('training needs', () => {
  it('ranks categories by escalations in the last 90 days and shows coverage', () => {
    const rows = trainingNeeds(
      [
        { category: 'konto', month: '2026-11', total: 7 },
        { category: 'konto', month: '2026-09', total: 3 },
        { category: 'drucken', month: '2026-10', total: 12 },
        { category: 'netzwerk', month: '2026-03', total: 40 },
      ],
      [{ id: 'drucker-schulung', category: 'drucken' }],
      new Date('2026-11-27T00:00:00Z'),
    );
    expect(rows).toEqual([
      { category: 'drucken', escalations: 12, modules: ['drucker-schulung'] },
      { category: 'konto', escalations: 10, modules: [] },
    ]);
  });
});

describe('scaffolding ids', () => {
  it('makes safe file names from German titles', () => {
    expect(slugify('Drucker druckt nicht – Fehler 0x0000011b')).toBe('drucker-druckt-nicht-fehler-0x0000011b');
    expect(slugify('Größe der Postfächer prüfen')).toBe('groesse-der-postfaecher-pruefen');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
  });
});

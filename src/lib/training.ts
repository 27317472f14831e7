/**
 * Training sessions in time: local times in a zone to instants, upcoming/past, months, and the
 * RFC 5545 calendar feeds (built with ical-generator, which escapes and folds lines correctly).
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Session, Training } from '../schemas/training.ts';
import type { ContentProblem } from './problems.ts';
import { reservedTrainingIds } from './routes.ts';

/** Offset of `timeZone` from UTC at instant `utcMs`, in milliseconds. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - utcMs;
}

/** The instant of a local wall-clock time (`2027-02-10T09:00`) in an IANA time zone. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`not a local date-time: "${local}"`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Two passes settle the offset across daylight-saving changes.
  let utc = wall - zoneOffset(wall, timeZone);
  utc = wall - zoneOffset(utc, timeZone);
  return new Date(utc);
}

export interface SessionView {
  training: { id: string; title: string; summary: string; audience: Training['audience']; lang: Training['lang'] };
  session: Session;
  start: Date;
  end: Date;
  /** Absolute URL of the module page. */
  url: string;
}

export function sessionView(trainingId: string, t: Training, s: Session, url: string): SessionView {
  return {
    training: { id: trainingId, title: t.title, summary: t.summary, audience: t.audience, lang: t.lang },
    session: s,
    start: zonedToUtc(s.start, s.timezone),
    end: zonedToUtc(s.end, s.timezone),
    url,
  };
}

/** Upcoming sessions (not yet ended) by start, and past ones, most recent first. */
export function splitSessions(sessions: readonly SessionView[], now: Date) {
  const upcoming = sessions.filter((s) => s.end.getTime() >= now.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
  const past = sessions.filter((s) => s.end.getTime() < now.getTime()).sort((a, b) => b.start.getTime() - a.start.getTime());
  return { upcoming, past };
}

/** `YYYY-MM` of the session's start in its own time zone. */
export function monthKey(s: SessionView): string {
  return s.session.start.slice(0, 7);
}

/** Stable UID of a session: the same for every feed and every build, also after cancellation. */
export function sessionUid(trainingId: string, sessionId: string, host: string): string {
  return `${trainingId}.${sessionId}@${host}`;
}

export interface CalendarOptions {
  name: string;
  /** Host for UIDs and the PRODID, e.g. `kb.muster.example`. */
  host: string;
  organisation: string;
  /** DTSTAMP of every event: the build date, so feeds are reproducible. */
  stamp: Date;
  labels: { registration: string; trainer: string; cancelled: string };
}

/** An RFC 5545 calendar with one VEVENT per session. Cancelled sessions keep their UID, get STATUS:CANCELLED and a higher SEQUENCE. */
export function buildCalendar(sessions: readonly SessionView[], o: CalendarOptions): string {
  const cal = ical({
    name: o.name,
    prodId: { company: o.organisation, product: 'Support KB', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: 'UTC',
  });
  cal.x([{ key: 'X-WR-TIMEZONE', value: 'Europe/Berlin' }]);
  for (const s of sessions) {
    const cancelled = s.session.status === 'cancelled';
    const registration = 'mail' in s.session.registration ? `mailto:${s.session.registration.mail}` : s.session.registration.url;
    cal.createEvent({
      id: sessionUid(s.training.id, s.session.id, o.host),
      start: s.start,
      end: s.end,
      stamp: o.stamp,
      summary: cancelled ? `${o.labels.cancelled}: ${s.training.title}` : s.training.title,
      description: [
        s.training.summary,
        `${o.labels.trainer}: ${s.session.trainer}`,
        `${o.labels.registration}: ${registration}`,
        s.session.link ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      location: [s.session.room, s.session.format === 'online' ? s.session.link : undefined].filter(Boolean).join(' / ') || null,
      url: s.url,
      sequence: s.session.sequence + (cancelled ? 1 : 0),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

export interface NeedRow {
  category: string;
  escalations: number;
  /** Ids of training modules in that category. */
  modules: string[];
}

/**
 * Categories with escalations in the last `days` days (by month, counting every month that overlaps
 * the window), most first, with the training modules that cover each.
 */
export function trainingNeeds(
  byCategoryMonth: readonly { category: string; month: string; total: number }[],
  modules: readonly { id: string; category: string }[],
  today: Date,
  days = 90,
): NeedRow[] {
  const from = new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 7);
  const to = today.toISOString().slice(0, 7);
  const totals = new Map<string, number>();
  for (const row of byCategoryMonth) {
    if (row.month < from || row.month > to) continue;
    totals.set(row.category, (totals.get(row.category) ?? 0) + row.total);
  }
  return [...totals]
    .filter(([, n]) => n > 0)
    .map(([category, escalations]) => ({ category, escalations, modules: modules.filter((m) => m.category === category).map((m) => m.id) }))
    .sort((a, b) => b.escalations - a.escalations || a.category.localeCompare(b.category));
}

/** URL words a module id may not take (they are pages of the training section), from the route table. */
export const RESERVED_TRAINING_IDS = reservedTrainingIds();

/** References of training modules: articles, trees, categories, material files, reserved ids. */
export function checkTraining(
  entries: readonly { id: string; file: string; data: Training }[],
  known: { articles: ReadonlySet<string>; trees: ReadonlySet<string>; categories: ReadonlySet<string> },
  publicFileExists: (path: string) => boolean,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const e of entries) {
    const err = (field: string, message: string) => problems.push({ file: e.file, field, message, severity: 'error' });
    if (RESERVED_TRAINING_IDS.has(e.id)) err('(id)', `"${e.id}" is a page of the training section; rename the file`);
    if (!known.categories.has(e.data.category)) err('category', `unknown category "${e.data.category}"`);
    e.data.related.forEach((id, i) => known.articles.has(id) || err(`related.${i}`, `unknown article id "${id}"`));
    e.data.trees.forEach((id, i) => known.trees.has(id) || err(`trees.${i}`, `unknown tree "${id}"`));
    e.data.materials.forEach((m, i) => {
      if (m.file && !publicFileExists(m.file)) err(`materials.${i}.file`, `no file public${m.file}`);
    });
  }
  return problems;
}

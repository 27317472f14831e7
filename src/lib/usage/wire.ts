/**
 * The wire form of a usage event: `/_kb/e?t=…&…`, URL-encoded, short enough for one access-log
 * line. Shared by the browser module (src/islands/events.ts) and the no-JavaScript feedback links
 * (src/components/Feedback.astro). No zod, so islands stay small.
 */
import { EVENT_ENDPOINT, EVENT_TYPES, LIMITS, type EventType } from './vocabulary.ts';

export type WireValue = string | number | boolean | undefined | null;

/** Where and for whom an event happens: UI language, build audience, page path. */
export interface EventContext {
  lang: string;
  audience: string;
  path: string;
}

/**
 * `/_kb/e?t=…&l=…&b=…&p=…&…`; booleans become 1/0, empty values are left out. Slashes stay
 * unencoded (legal in a query) so nginx can send the no-JavaScript links back to `p`.
 */
export function eventUrl(type: EventType, context: EventContext, fields: Record<string, WireValue>): string {
  const pairs: [string, string][] = [
    ['t', EVENT_TYPES[type]],
    ['l', context.lang],
    ['b', context.audience],
    ['p', sitePath(context.path)],
  ];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || v === '') continue;
    pairs.push([k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]);
  }
  return `${EVENT_ENDPOINT}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2F/g, '/')}`).join('&')}`;
}

/** A page path without query or fragment, at most 300 characters. */
export function sitePath(path: string): string {
  const p = path.split(/[?#]/)[0] ?? '/';
  return (p.startsWith('/') && !p.startsWith('//') ? p : '/').slice(0, 300);
}

/** A search query cut to what the report accepts (whole characters, not UTF-16 halves). */
export function cutQuery(query: string): string {
  return [...query.trim()].slice(0, LIMITS.query).join('');
}

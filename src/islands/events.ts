/**
 * Usage events from the browser: `navigator.sendBeacon` to the site's own `/_kb/e`, which nginx
 * answers with 204 and logs (deploy/nginx.conf, log_format kb_events). Nothing is sent when the
 * build has events off (`usage.enabled` in kb.config.ts; the layout then omits `data-kb-events`),
 * or in the employee build when the browser sends Global Privacy Control. No cookie, no id, no
 * storage: each event stands alone.
 */
import { cutQuery, eventUrl, type EventContext, type WireValue } from '../lib/usage/wire.ts';
import type { EventType, TreeOutcome } from '../lib/usage/vocabulary.ts';

/** The page's event settings, from `<body data-kb-events="<audience>" [data-kb-gpc]>`. */
function context(): EventContext | undefined {
  const body = document.body;
  const audience = body?.dataset.kbEvents;
  if (!audience) return undefined;
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  if (gpc && body.dataset.kbGpc !== undefined) return undefined;
  return { lang: document.documentElement.lang || 'de', audience, path: location.pathname };
}

/** Whether events are sent on this page. (Article feedback needs no script: its links go to /_kb/e.) */
export function eventsEnabled(): boolean {
  return context() !== undefined;
}

function send(type: EventType, fields: Record<string, WireValue>): boolean {
  const ctx = context();
  if (!ctx || typeof navigator.sendBeacon !== 'function') return false;
  try {
    return navigator.sendBeacon(eventUrl(type, ctx, fields));
  } catch {
    return false;
  }
}

/**
 * A search, once per query and page visit: call it when a result is clicked (with its rank,
 * 1-based, and id) or, for the last query of the visit without a click, on `pagehide`.
 */
export function searchEvent(e: {
  query: string;
  results: number;
  fallback?: boolean;
  corrected?: boolean;
  clicked?: { rank: number; id: string };
}): boolean {
  const q = cutQuery(e.query);
  if (!q) return false;
  return send('search', {
    q,
    n: Math.max(0, Math.floor(e.results)),
    fb: e.fallback,
    c: e.corrected,
    k: e.clicked?.rank,
    id: e.clicked?.id,
  });
}

/** A decision-tree node shown, an answer chosen, or how the session ended. */
export function treeEvent(
  tree: string,
  e:
    | { kind: 'shown'; node: string }
    | { kind: 'answer'; node: string; choice: number }
    | { kind: 'outcome'; node: string; outcome: TreeOutcome; path: string },
): boolean {
  const base = { tr: tree, nd: e.node };
  if (e.kind === 'shown') return send('tree', { ...base, e: 's' });
  if (e.kind === 'answer') return send('tree', { ...base, e: 'a', ch: e.choice });
  return send('tree', { ...base, e: 'o', o: e.outcome, pa: e.path });
}

/** One quiz submission: right (true) or wrong per question, in order. */
export function quizEvent(quiz: string, results: readonly boolean[]): boolean {
  if (!results.length) return false;
  return send('quiz', { qz: quiz, r: results.map((ok) => (ok ? '1' : '0')).join('') });
}

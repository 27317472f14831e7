/**
 * Turns phone numbers, e-mail addresses and web addresses in article text into links, so they
 * can be tapped on a phone. Pure: splits a text into plain and link parts. Web addresses become
 * links only for https/http and hosts on the config's allow-list (`autolinkHosts`): a KB must not
 * turn an arbitrary address — for example one copied from a ticket — into a clickable link.
 */

export type TextPart = { kind: 'text'; value: string } | { kind: 'link'; href: string; value: string };

export interface AutolinkOptions {
  /** Host names (or parent domains) whose web addresses become links, e.g. `microsoft.com`. */
  hosts: readonly string[];
}

// A web address: scheme, host, optional path; trailing punctuation is trimmed afterwards.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`´“”‚‘’„«»]+/giu;
const EMAIL_RE = /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/gu;
// Phone numbers: international (+49 30 1234-4444, +49 (0)89 123456) or national with an area code
// (030 1234567, 0172 1234567, 089/123456-0). Not versions, dates, error codes or build numbers.
const PHONE_RE = /(?<![\w.,/+-])(?:\+\d{1,3}(?:[ \u00a0]?\(0\))?|0\d{2,5})(?:[ \u00a0/-]?\d{2,})+(?:-\d{1,5})?(?![\w.,]\d|[\w-])/gu;

const TRAILING = /[.,;:!?)\]}»"']+$/u;

function hostAllowed(href: string, hosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(href).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
}

const digits = (s: string) => s.replace(/\D/g, '');

/** `tel:` target of a phone number as written: `+49 30 1234-4444` → `tel:+49301234444`. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/\(0\)/g, '').replace(/[^+\d]/g, '')}`;
}

interface Match {
  start: number;
  end: number;
  href: string;
}

function matches(text: string, o: AutolinkOptions): Match[] {
  const found: Match[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const value = m[0].replace(TRAILING, '');
    if (hostAllowed(value, o.hosts)) found.push({ start: m.index, end: m.index + value.length, href: value });
  }
  for (const m of text.matchAll(EMAIL_RE)) found.push({ start: m.index, end: m.index + m[0].length, href: `mailto:${m[0]}` });
  for (const m of text.matchAll(PHONE_RE)) {
    const d = digits(m[0]);
    if (d.length >= 8 && d.length <= 15) found.push({ start: m.index, end: m.index + m[0].length, href: telHref(m[0]) });
  }
  // Earlier and longer matches win (a phone-like run inside a URL belongs to the URL).
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const m of found) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

/** The text split into plain parts and link parts, in order; a text without links is one part. */
export function linkify(text: string, o: AutolinkOptions): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of matches(text, o)) {
    if (m.start > at) parts.push({ kind: 'text', value: text.slice(at, m.start) });
    parts.push({ kind: 'link', href: m.href, value: text.slice(m.start, m.end) });
    at = m.end;
  }
  if (at < text.length) parts.push({ kind: 'text', value: text.slice(at) });
  return parts;
}

/** The link target when the whole text is one address (e.g. an inline `code` span), else undefined. */
export function wholeLink(text: string, o: AutolinkOptions): string | undefined {
  const parts = linkify(text.trim(), o);
  return parts.length === 1 && parts[0]!.kind === 'link' ? parts[0]!.href : undefined;
}

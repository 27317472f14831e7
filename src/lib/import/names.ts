/**
 * Safe titles and file names for drafts. One rule for every draft: titles are NFC, without
 * control, bidi or zero-width characters, at least 5 and at most 140 characters long (the
 * article schema's limits, counted the way the schema counts them); file names are kebab-case
 * slugs of at most 60 characters that are never a Windows device name and never empty.
 */
import { slugify } from '../scaffold.ts';
import { normalizeText } from './redact.ts';

export const TITLE_MIN = 5;
export const TITLE_MAX = 140;
/** Length as the schema counts it (zod counts code points, not UTF-16 units). */
export const codePoints = (s: string) => [...s].length;

/** A title as it may be shown: NFC, no invisible or control characters, one line. */
export function cleanTitle(raw: string): string {
  return normalizeText(raw)
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The draft title for a ticket: the cleaned title; too short → the ticket id appended; too long
 * → cut at a word with "…". Never cuts a character in half.
 */
export function draftTitle(title: string, ticketId: string): string {
  let t = cleanTitle(title);
  if (codePoints(t) < TITLE_MIN) t = t ? `${t} (${ticketId})` : `Ticket ${ticketId}`;
  if (codePoints(t) < TITLE_MIN) t = `${t} – Import`;
  if (codePoints(t) > TITLE_MAX) {
    const cps = [...t].slice(0, TITLE_MAX - 1).join('');
    const word = cps.lastIndexOf(' ');
    t = `${(word > cps.length * 0.7 ? cps.slice(0, word) : cps).trimEnd()}…`;
  }
  return t;
}

/** Device names Windows reserves in any folder (`con.mdx` cannot be checked out there). */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A file name stem for a draft: a slug of the title, or of the ticket id; never reserved or empty. */
export function draftSlug(title: string, ticketId: string, fallback: string): string {
  let s = slugify(cleanTitle(title));
  if (!s || s.length < 3) s = [s, slugify(`ticket ${ticketId}`)].filter(Boolean).join('-') || fallback;
  if (WINDOWS_RESERVED.test(s)) s = `${s}-${fallback}`;
  return s.slice(0, 60).replace(/-+$/, '') || fallback;
}

import type { Locale } from '../schemas/common.ts';

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar date in the locale's long form: `14. September 2026` / `September 14, 2026`. */
export function formatDate(date: Date, locale: Locale): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(date);
}

/** ISO calendar date (`2026-09-14`) for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

import type { Locale } from '../schemas/common.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The BCP 47 tag dates and numbers of a site locale are formatted with (English as British English). */
export function intlLocale(locale: Locale | (string & {})): string {
  return ({ de: 'de-DE', en: 'en-GB' } as Record<string, string>)[locale] ?? locale;
}

/** A calendar date in the locale's long form: `14. September 2026` / `September 14, 2026`. */
export function formatDate(date: Date, locale: Locale | (string & {})): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(date);
}

/** ISO calendar date (`2026-09-14`) for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

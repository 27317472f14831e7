/** Links out of the KB (ticket-system URLs, prefilled e-mails) and internal links to content. */
import { matchPath, ROUTE_WORDS } from './routes.ts';
import type { Locale } from '../schemas/vocabulary.ts';

/** Fills `{title}`/`{description}` (and any other `{name}`) in a URL template with URL-encoded values. */
export function fillTicketUrl(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? encodeURIComponent(values[name] ?? '') : m));
}

/** A `mailto:` link with subject and body, encoded as RFC 6068 asks (spaces as %20, newlines as %0D%0A). */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${to}?subject=${enc(subject)}&body=${enc(body)}`;
}

/** Locales whose URL prefix internal links are matched with when no list is given. */
const KNOWN_LOCALES = Object.keys(ROUTE_WORDS) as Locale[];

/**
 * The article or tree id an internal link points to (`/artikel/x/`, `/en/articles/x/#a`, `/diagnose/x/`),
 * else null. Matched against the route table (src/lib/routes.ts).
 */
export function internalTarget(href: string, locales: readonly Locale[] = KNOWN_LOCALES): string | null {
  const m = matchPath(href, locales, { anyWords: true });
  return m && (m.kind === 'article' || m.kind === 'tree') && /^[a-z0-9-]+$/.test(m.params.id ?? '') ? m.params.id! : null;
}

/**
 * Rendered article HTML with links to content this build does not publish turned into plain text,
 * as `<Link>` does for MDX bodies: no other audience's link target leaks.
 */
export function unlinkUnpublished(html: string, published: (id: string) => boolean): string {
  return html.replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/g, (whole, attrs: string, text: string) => {
    const href = /\bhref="([^"]*)"/.exec(attrs)?.[1];
    const id = href ? internalTarget(href.replaceAll('&amp;', '&')) : null;
    return id !== null && !published(id) ? `<span>${text}</span>` : whole;
  });
}

/** A `tel:` link for a phone number as people write it (`+49 30 1234-4444` → `tel:+49301234444`). */
export function telUrl(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

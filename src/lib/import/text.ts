/**
 * Ticket text is hostile until proven otherwise. Redaction of personal data and secrets, HTML and
 * Jira wiki markup to plain text, and escaping that makes any text render literally in MDX.
 */

export { EMAIL_PATTERN, PHONE_PATTERN, redact } from './redact.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML (Zammad article bodies) to plain text: block elements become line breaks, tags go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Jira wiki markup to plain text (code blocks keep their content). */
export function jiraToText(wiki: string): string {
  return wiki
    .replace(/\{(?:code|noformat)(?::[^}]*)?\}/g, '\n')
    .replace(/\{(?:quote|panel(?::[^}]*)?|color(?::[^}]*)?)\}/g, '')
    .replace(/\[([^|\]]+)\|([^\]]+)\]/g, '$1 ($2)')
    .replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^h[1-6]\.\s*/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Escapes text so MDX renders it literally: no JSX, no expressions, no ESM, no HTML, no links,
 * no code fences, no Markdown structure. Characters become numeric references where they matter.
 */
export function mdxLiteral(text: string): string {
  const ref = (c: string) => `&#${c.codePointAt(0)};`;
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/[&<>{}[\]`*_|~\\$!"']/g, ref)
        // Typography would curl quotes, turn -- into a dash and ... into an ellipsis.
        .replace(/-{2,}|\.{3,}/g, (run) => [...run].map(ref).join(''))
        // Block structure at the start of a line: headings, quotes, lists, thematic breaks, ESM, HTML.
        .replace(/^(\s*)([#>+=:-]|\d+[.)]|import\b|export\b)/, (_m, space: string, lead: string) => `${space}${ref(lead[0]!)}${lead.slice(1)}`)
        .replace(/\bjavascript:/gi, 'javascript&#58;'),
    )
    .join('\n');
}

/** Literal paragraphs: blank lines separate paragraphs, single line breaks are kept with `<br />`. */
export function mdxParagraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => mdxLiteral(p.trim()).split('\n').join('<br />\n'))
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Ticket text is hostile until proven otherwise. Redaction of personal data and secrets, HTML and
 * Jira wiki markup to plain text, and escaping that makes any text render literally in MDX.
 */

export interface RedactOptions {
  /** Names from the record's person fields (caller, requester, assignee, resolver, authors). */
  names: readonly string[];
}

const PLACEHOLDER = { email: '[E-Mail]', phone: '[Telefon]', name: '[Name]', secret: '[Geheimnis]' } as const;

/** E-mail addresses. Shared with the content lint. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Phone numbers, international or national, with at least seven digits (not `-4444` extensions). Shared with the lint. */
export const PHONE_PATTERN = /(?<![\w/.:-])(?:\+\d{1,3}[\s/-]?\(?\d{1,5}\)?|\(?0\d{1,5}\)?)[\s/-]?\d[\d\s/-]{4,}\d(?!\w)(?![.:]\d)/g;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces personal data and secrets with labelled placeholders. */
export function redact(text: string, o: RedactOptions): string {
  let t = text;
  // Jira account ids
  t = t.replace(/\[~accountid:[^\]]*\]/gi, PLACEHOLDER.name).replace(/\b\d{6}:[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, PLACEHOLDER.name);
  t = t.replace(/\b[0-9a-f]{24}\b/g, (m) => (/[a-f]/.test(m) && /\d/.test(m) ? PLACEHOLDER.name : m));
  // BitLocker recovery keys: eight groups of six digits.
  t = t.replace(/\b\d{6}(?:-\d{6}){7}\b/g, PLACEHOLDER.secret);
  // "Passwort: xyz", "password=xyz", "token: …", "API key …"
  t = t.replace(
    /\b(passwor[dt]|kennwort|pass(?:code)?|pwd|pw|secret|geheimnis|token|api[-_ ]?key|client[-_ ]?secret|pin)(\s*(?:ist|is|lautet|[:=]))\s*("[^"]*"|'[^']*'|\S+)/gi,
    (_m, key: string, sep: string) => `${key}${sep} ${PLACEHOLDER.secret}`,
  );
  t = t.replace(/\bBearer\s+[A-Za-z0-9._~+/-]+=*/g, `Bearer ${PLACEHOLDER.secret}`);
  // Long random-looking strings (keys, tokens): 32+ base64/hex characters with digits and letters.
  t = t.replace(/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}/g, PLACEHOLDER.secret);
  t = t.replace(EMAIL_PATTERN, PLACEHOLDER.email);
  t = t.replace(PHONE_PATTERN, (m) =>
    m.replace(/\D/g, '').length >= 7 ? PLACEHOLDER.phone : m,
  );
  const names = new Set<string>();
  for (const raw of o.names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 3) continue;
    names.add(name);
    const parts = name.split(' ');
    if (parts.length === 2) names.add(`${parts[1]}, ${parts[0]}`);
  }
  // A quick substring test first: most names do not occur in most fields.
  const lower = t.toLowerCase();
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    if (lower.includes(name.split(' ')[0]!.toLowerCase())) t = t.replace(namePattern(name), PLACEHOLDER.name);
  }
  return t;
}

/** Compiled name patterns, reused across records: the same callers and agents recur in every export. */
const namePatterns = new Map<string, RegExp>();
function namePattern(name: string): RegExp {
  let re = namePatterns.get(name);
  if (!re) {
    if (namePatterns.size > 20_000) namePatterns.clear();
    re = new RegExp(`(?<![\\p{L}])${escapeRe(name).replace(/ /g, '\\s+')}(?![\\p{L}])`, 'giu');
    namePatterns.set(name, re);
  }
  return re;
}

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

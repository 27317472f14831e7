/**
 * Ticket text is hostile until proven otherwise, and written by people in a hurry. This module
 * turns HTML (Zammad, GLPI, generic), Jira wiki markup and plain text into clean plain text with
 * its structure (paragraphs, lists, code), removes what does not belong into an article (greetings,
 * quoted reply chains, signatures, "thanks" replies), and writes it as readable Markdown source that
 * MDX renders literally: only what MDX or Markdown would interpret is escaped.
 */

export { EMAIL_PATTERN, PHONE_PATTERN, redact } from './redact.ts';

/** Inline code inside plain text: `\u0001code\u0002` (control characters never survive input cleaning). */
export const CODE_OPEN = '\u0001';
export const CODE_CLOSE = '\u0002';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  euro: '€',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  times: '×',
};

/** HTML character references to characters (numeric and the common named ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : '';
    }
    return NAMED[e] ?? NAMED[e.toLowerCase()] ?? m;
  });
}

/** Control characters (but tab and newline) are never wanted; our code markers use two of them. */
const stripControls = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');

/**
 * HTML to plain text with structure: block elements become line breaks, `<li>` a list line
 * (`1.` inside `<ol>`), `<pre>`/`<code>` inline code, everything else goes. Entity-encoded HTML
 * (GLPI stores `&lt;p&gt;`) is decoded first, so it arrives as text, not as visible tags.
 */
export function htmlToText(input: string): string {
  let html = stripControls(input);
  // GLPI: the whole cell entity-encoded once (or twice).
  for (let i = 0; i < 2 && /&lt;\/?(?:p|div|br|ul|ol|li|b|strong|span|table)\b/i.test(html) && !/<\/?(?:p|div|br)\b/i.test(html); i++)
    html = decodeEntities(html);
  if (!/<[a-z!/][^>]*>/i.test(html))
    return decodeEntities(html)
      .replace(/\u00a0/g, ' ')
      .trim();
  const out: string[] = [];
  const olCounters: number[] = [];
  let inList: ('ul' | 'ol')[] = [];
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '\n') // quoted replies
    .replace(/\n/g, ' ');
  for (const m of text.matchAll(/<\/?([a-z0-9]+)\b[^>]*>|[^<]+|</gi)) {
    const token = m[0];
    const tag = m[1]?.toLowerCase();
    if (!tag) {
      out.push(token === '<' ? '<' : token);
      continue;
    }
    const closing = token.startsWith('</');
    if (tag === 'br') out.push('\n');
    else if (tag === 'ul' || tag === 'ol') {
      if (closing) {
        inList = inList.slice(0, -1);
        if (tag === 'ol') olCounters.pop();
      } else {
        inList = [...inList, tag];
        if (tag === 'ol') olCounters.push(0);
      }
      out.push('\n');
    } else if (tag === 'li' && !closing) {
      if (inList.at(-1) === 'ol') {
        olCounters[olCounters.length - 1]!++;
        out.push(`\n${olCounters.at(-1)}. `);
      } else out.push('\n- ');
    } else if (tag === 'code' || tag === 'pre' || tag === 'tt' || tag === 'kbd') out.push(closing ? CODE_CLOSE : CODE_OPEN);
    else if (/^(p|div|tr|h[1-6]|table|section|article|header|footer|dd|dt)$/.test(tag)) out.push('\n\n');
    else if (tag === 'td' || tag === 'th') out.push(closing ? ' ' : '');
  }
  return tidy(decodeEntities(out.join('')));
}

/** Balanced code markers, trimmed lines, at most one blank line. */
function tidy(s: string): string {
  let t = s.replace(/\u00a0/g, ' ');
  // Unbalanced or empty code markers go.
  if (t.includes(CODE_OPEN) || t.includes(CODE_CLOSE)) t = balanceCode(t);
  return t
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function balanceCode(s: string): string {
  let t = s.replace(new RegExp(`${CODE_OPEN}\\s*${CODE_CLOSE}`, 'g'), '');
  let depth = 0;
  t = [...t]
    .filter((c) => {
      if (c === CODE_OPEN) return depth++ === 0;
      if (c === CODE_CLOSE) return depth > 0 && --depth === 0;
      return true;
    })
    .join('');
  if (depth > 0) t += CODE_CLOSE;
  return t;
}

/** Jira wiki markup to plain text with structure: `{code}` and `{{x}}` become code, `#`/`*` lists stay lists. */
export function jiraToText(wiki: string): string {
  const t = stripControls(wiki)
    .replace(/\{(?:code|noformat)(?::[^}]*)?\}([\s\S]*?)(?:\{(?:code|noformat)\}|$)/g, (_m, code: string) =>
      code
        .trim()
        .split('\n')
        .map((l) => `${CODE_OPEN}${l}${CODE_CLOSE}`)
        .join('\n'),
    )
    .replace(/\{\{([^}\n]+)\}\}/g, `${CODE_OPEN}$1${CODE_CLOSE}`)
    .replace(/\{quote\}[\s\S]*?(?:\{quote\}|$)/g, '\n')
    .replace(/\{(?:panel(?::[^}]*)?|color(?::[^}]*)?)\}/g, '')
    .replace(/\[~accountid:[^\]]*\]/gi, '[Name]')
    .replace(/\[([^|\]\n]+)\|([^\]\n]+)\]/g, '$1 ($2)')
    .replace(/^(\s*)#+\s+/gm, '$11. ')
    .replace(/^(\s*)\*+\s+/gm, '$1- ')
    .replace(/(^|\s)\*([^*\n]+)\*(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^h[1-6]\.\s*/gm, '')
    .replace(/^bq\.\s*.*$/gm, '')
    .replace(/^----\s*$/gm, '');
  return tidy(t);
}

/** Plain text (already decoded): control characters out, lines tidied. */
export function plainText(s: string): string {
  return tidy(stripControls(s));
}

/** Frequent short words of each draft language. */
const STOPWORDS: Record<'de' | 'en', Set<string>> = {
  de: new Set(
    'der die das und ist nicht mit auf für ein eine einen dem den von zu im bei nach seit wird wurde werden kann sich auch oder wenn beim keine kein dass noch nur mehr ich wir sie es'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the and is not with on for a an to of in at after since will was were be can also or if when no only more i we she he it this that does doesn cannot from my our'.split(
      ' ',
    ),
  ),
};

/** The language of a ticket text when it is clearly German or English (for the draft's folder and headings). */
export function detectLanguage(text: string): 'de' | 'en' | undefined {
  let de = 0;
  let en = 0;
  for (const w of text.toLowerCase().match(/[a-zäöüß]+/g) ?? []) {
    if (STOPWORDS.de.has(w)) de++;
    if (STOPWORDS.en.has(w)) en++;
  }
  if (de + en < 3) return undefined;
  if (en >= 2 * de) return 'en';
  if (de >= 2 * en) return 'de';
  return undefined;
}

// Cleaning: what does not belong into an article -------------------------------------------------

const W = '(?![\\p{L}\\p{N}])';
const GREETING_LINE = new RegExp(
  `^(?:hallo|hi|hey|hello|dear|liebe[rs]?|sehr geehrte[rsn]?|guten (?:morgen|tag|abend)|good (?:morning|afternoon|evening)|moin|servus|grüß gott|grüezi|cześć|dzień dobry|merhaba)${W}[^.!?\\n]{0,60}[,!:]?$`,
  'iu',
);
const SIGNOFF_LINE = new RegExp(
  `^(?:(?:viele|beste|liebe|freundliche|herzliche|schöne|mit freundlichen|mit besten|besten)\\s+)?(?:grüße|grüßen|gruesse|grüsse|gruß|gruss)${W}|^(?:mfg|vg|lg|bg)${W}|^(?:danke und gruß|vielen dank (?:im voraus|vorab)|danke (?:im voraus|vorab)|thanks in advance|thank you in advance)${W}|^(?:best|kind|warm)?\\s*regards${W}|^(?:cheers|thanks|thank you|best|sincerely|yours|pozdrawiam|saygılarımla|cordialement)[,!.]?(?:\\s|$)`,
  'iu',
);
const REPLY_MARKER =
  /^(?:-{2,}\s*)?(?:original message|ursprüngliche nachricht|original-nachricht|weitergeleitete nachricht|forwarded message|begin forwarded message)\b|^(?:am|on)\s.{4,120}\s(?:schrieb|wrote)\b.*:$|^_{5,}\s*$/i;
const HEADER_LINE = /^(?:von|from|an|to|cc|bcc|gesendet|sent|datum|date|betreff|subject|antwort an|reply-to)\s*:/i;

/** Short replies that close a ticket without content: "Danke, geht wieder", "works now, thanks". */
export function isThanks(text: string): boolean {
  const t = text
    .replace(/\[Name\]/g, '')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (!t || t.length > 80) return false;
  const thanks =
    /^(?:(?:hallo|hi|hello)\s+)?(?:vielen\s+|herzlichen\s+|besten\s+|many\s+)?(?:dank|danke|thanks|thank you|thx|merci)(?:\s+(?:schön|sehr|dir|euch|ihnen|you|a lot|so much))?(?![\p{L}])(.*)$/u.exec(
      t,
    );
  // "Danke, geht wieder" is a thanks; "Danke für den Hinweis: Treiber zurückgerollt und …" is not.
  if (thanks) return thanks[1]!.trim().split(' ').filter(Boolean).length <= 5;
  return /^(?:geht|läuft|funktioniert|klappt|works|working|it works|all good|passt|ok|okay|erledigt|solved|gelöst)\b(?:\s+\w+){0,5}$/.test(
    t,
  );
}

/**
 * The ticket's own words without greeting, quoted reply chain, signature or closing thanks.
 * Forwarded mails keep their body: only the header lines of a forward are dropped.
 */
export function cleanTicketText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (/^>/.test(line)) continue; // quoted reply
    if (
      REPLY_MARKER.test(line) ||
      (HEADER_LINE.test(line) && lines.slice(i, i + 6).filter((l) => HEADER_LINE.test(l.trim())).length >= 2)
    ) {
      const before = out.join('\n').replace(/\s+/g, ' ').trim();
      if (before.length >= 40) break; // our text came first: the rest is the quoted chain
      // A forward: skip its header lines, keep its body.
      while (i + 1 < lines.length && (HEADER_LINE.test(lines[i + 1]!.trim()) || REPLY_MARKER.test(lines[i + 1]!.trim()))) i++;
      continue;
    }
    if (/^--\s*$|^__+\s*$/.test(line)) break; // signature delimiter
    if (SIGNOFF_LINE.test(line) && line.length < 60) {
      // A sign-off ends the message; what follows is the signature. "Thanks, it works" stays a sentence.
      if (!/[.!?]\s+\p{L}/u.test(line)) break;
    }
    if (out.length === 0 && GREETING_LINE.test(line)) continue;
    out.push(lines[i]!);
  }
  // A separator line left before a cut chain or signature goes too.
  while (out.length && /^\s*(?:[-_=*~]\s*){3,}$|^\s*$/.test(out.at(-1)!)) out.pop();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Markdown source that MDX renders literally ----------------------------------------------------

/** Maximal characters of one section (problem, resolution) in a draft; the cut is marked. */
export const MAX_SECTION_CHARS = 20_000;

/** Text cut at `max` characters (at a line or word end) with a note saying how much was left out. */
export function capText(text: string, max: number, note: (omitted: number) => string): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf('\n', max);
  if (cut < max * 0.8) cut = text.lastIndexOf(' ', max);
  if (cut < max * 0.8) cut = max;
  // Never cut a surrogate pair or a code span in half.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
  let kept = text.slice(0, cut);
  if (kept.lastIndexOf(CODE_OPEN) > kept.lastIndexOf(CODE_CLOSE)) kept += CODE_CLOSE;
  return `${kept.trimEnd()}\n\n${note(text.length - cut)}`;
}

export interface MarkdownOptions {
  /** Hosts whose URLs become links (exact host or a subdomain of it); other URLs stay code text. */
  linkHosts: readonly string[];
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`\u0001\u0002]+[^\s<>"'`.,;:!?)\]\u0001\u0002]/gi;

function hostAllowed(url: string, hosts: readonly string[]): boolean {
  try {
    const u = new URL(/^www\./i.test(url) ? `https://${url}` : url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
    const h = u.hostname.toLowerCase();
    return hosts.some((a) => h === a.toLowerCase() || h.endsWith(`.${a.toLowerCase()}`));
  } catch {
    return false;
  }
}

/** Escapes one piece of inline text so Markdown/MDX shows it as typed. */
function escapeInline(s: string): string {
  return (
    s
      // a backslash before punctuation would escape it: double it
      .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
      .replace(/[{}<>*[\]`|~]/g, '\\$&')
      .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
      // character references would be decoded
      .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
      // smart punctuation would turn -- into a dash, ... into an ellipsis and straight quotes curly
      .replace(/-(?=-)/g, '-\\')
      .replace(/\.(?=\.\.)/g, '.\\')
      .replace(/["']/g, '\\$&')
      // a URL scheme that must never become live, in any letter case
      .replace(/\b(javascript|vbscript|data|file):/gi, '$1&#58;')
  );
}

/** Inline code: backticks around, longer runs if the text has backticks; never empty. */
function codeSpan(s: string): string {
  const text = s.replace(/\n/g, ' ');
  if (!text.trim()) return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || longest ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One line of text as Markdown: code spans, URLs (links only for allowed hosts), the rest escaped. */
function inline(line: string, o: MarkdownOptions): string {
  const parts: string[] = [];
  const re = new RegExp(`${CODE_OPEN}([^${CODE_CLOSE}]*)${CODE_CLOSE}|${URL_RE.source}`, 'gi');
  let last = 0;
  for (const m of line.matchAll(re)) {
    parts.push(escapeInline(line.slice(last, m.index)));
    if (m[1] !== undefined) parts.push(codeSpan(m[1]));
    else {
      const url = m[0];
      if (hostAllowed(url, o.linkHosts)) {
        const href = (/^www\./i.test(url) ? `https://${url}` : url).replace(/[()<>\s\\]/g, (c) => encodeURIComponent(c));
        parts.push(`[${escapeInline(url)}](${href})`);
      } else parts.push(codeSpan(url));
    }
    last = m.index + m[0].length;
  }
  parts.push(escapeInline(line.slice(last)));
  let out = parts.join('');
  // Block syntax at the start of a line: headings, quotes, lists, thematic breaks, setext, ESM.
  out = out
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/^(\s*)(import|export)\b/, (_m, sp: string, w: string) => `${sp}&#${w.charCodeAt(0)};${w.slice(1)}`);
  return out.replace(/^\s+/, '');
}

const BULLET = /^(?:[-*•·‣–]|\u2022)\s+(.*)$/;
const NUMBERED = /^(?:\d{1,2}[.)]|schritt\s+\d+:?|step\s+\d+:?)\s+(.*)$/i;

export interface MarkdownBlockOptions extends MarkdownOptions {
  /** Several short lines become numbered steps (for resolutions). */
  steps?: boolean;
}

/**
 * Plain text as readable Markdown: paragraphs, bullet and numbered lists (kept or recognised),
 * lines of a paragraph kept with hard breaks; everything else literal.
 */
export function toMarkdown(text: string, o: MarkdownBlockOptions): string {
  const blocks: string[] = [];
  for (const para of text.trim().split(/\n\s*\n/)) {
    const lines = para
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    const numbered = lines.every((l) => NUMBERED.test(l));
    const bullets = lines.every((l) => BULLET.test(l) || NUMBERED.test(l));
    if (numbered || (o.steps && lines.length >= 2 && lines.every((l) => l.length <= 200) && !bullets)) {
      blocks.push(lines.map((l, i) => `${i + 1}. ${inline(l.replace(NUMBERED, '$1'), o)}`).join('\n'));
    } else if (bullets) {
      blocks.push(lines.map((l) => `- ${inline(l.replace(BULLET, '$1').replace(NUMBERED, '$1'), o)}`).join('\n'));
    } else {
      // Lines of one paragraph: a trailing backslash is a hard line break in Markdown and MDX.
      blocks.push(lines.map((l) => inline(l, o)).join('\\\n'));
    }
  }
  return blocks.join('\n\n');
}

/** One line of text as escaped Markdown (list items, notes). */
export function markdownLine(text: string, o: MarkdownOptions): string {
  return inline(text.replace(/\s+/g, ' ').trim(), o);
}

/**
 * Draft articles from tickets: readable KCS Markdown a person can finish, deterministic (same
 * tickets, same file), and checked before it is written — the frontmatter with the real article
 * schema, the body compiled with the site's MDX compiler and searched for anything live.
 */
import { mdxToHast } from 'satteri';
import { parse as parseYaml, stringify } from 'yaml';
import type { DraftTicket, ImportSettings } from '../../schemas/escalation.ts';
import type { Locale } from '../../schemas/common.ts';
import { makeArticleSchema } from '../../schemas/article.ts';
import { KCS_HEADINGS } from '../kcs.ts';
import { draftTitle } from './names.ts';
import { capText, cleanTicketText, CODE_CLOSE, CODE_OPEN, markdownLine, MAX_SECTION_CHARS, toMarkdown } from './text.ts';

/** How many tickets a draft names in `sources` and in its list of other resolutions. */
export const MAX_LISTED = 25;
/** A draft is at most this many bytes; sections are cut before (marked in the text). */
export const MAX_DRAFT_BYTES = 64 * 1024;

const ERROR_CODE = /\b(?:0x[0-9A-Fa-f]{8}|AADSTS\d{5,6}|NET::ERR_[A-Z_]+)\b/g;

const plain = (s: string) => s.replaceAll(CODE_OPEN, '').replaceAll(CODE_CLOSE, '');

/** The first sentence(s) of a text, up to `max` characters, cut at a word. */
function sentences(text: string, max: number): string {
  const flat = plain(text).replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  // Sentences end at . ! ? followed by a space (not in 1.2, console.log or 10.20.1.5); those
  // that are only placeholders of redacted data say nothing about the problem.
  const all = flat.split(/(?<=[.!?…])\s+(?=\S)/);
  // Sentences naming redacted data ("[Name] bestätigt", "Tel. [Telefon]") say nothing about the problem.
  const informative = all.filter((p) => !/\[(?:Name|E-Mail|Telefon|Kennung|IBAN|Geheimnis|Geburtsdatum)\]/.test(p));
  const parts = (informative.length ? informative : all).filter((p) => p.replace(/[\s,.:;()-]/g, '').length > 3);
  let out = '';
  for (const p of parts) {
    if (out && (out + ' ' + p).length > max) break;
    out = out ? `${out} ${p}` : p;
  }
  out = out.trim();
  if (out.length > max)
    out = `${out.slice(0, out.lastIndexOf(' ', max - 1) > max / 2 ? out.lastIndexOf(' ', max - 1) : max - 1).trimEnd()}…`;
  return out;
}

/** A summary for the article: what happens, in the ticket's words, and how it was solved. */
export function draftSummary(title: string, problem: string, resolution: string, locale: Locale): string {
  const what = sentences(problem, 200) || title;
  const fix = sentences(resolution, 150);
  let s = what;
  if (fix && s.length + fix.length < 330) s = `${/[.!?…]$/.test(s) ? s : `${s}.`} ${locale === 'de' ? 'Lösung' : 'Fix'}: ${fix}`;
  if (s.length < 10) s = `${title}: ${s}`.slice(0, 390);
  return s.slice(0, 390);
}

const cut = (locale: Locale, id: string) => (n: number) =>
  locale === 'de'
    ? `[… gekürzt: ${n.toLocaleString('de-DE')} Zeichen ausgelassen, vollständiger Text im Ticket ${id}]`
    : `[… shortened: ${n.toLocaleString('en-US')} characters left out, full text in ticket ${id}]`;

/** The draft article for a group of tickets about one problem. */
export function draftArticle(
  tickets: readonly DraftTicket[],
  category: string,
  locale: Locale,
  settings: Pick<ImportSettings, 'linkHosts'>,
): string {
  const [first] = tickets;
  if (!first) throw new Error('a draft needs at least one ticket');
  const h = KCS_HEADINGS[locale];
  const de = locale === 'de';
  const md = { linkHosts: settings.linkHosts };
  const title = draftTitle(first.title, first.id);
  const problem = capText(cleanTicketText(first.problem) || first.title, MAX_SECTION_CHARS, cut(locale, first.id));
  const resolution = capText(cleanTicketText(first.resolution) || first.resolution, MAX_SECTION_CHARS, cut(locale, first.id));
  const all = tickets.map((t) => `${t.title}\n${t.problem}\n${t.resolution}`).join('\n');
  const errorCodes = [...new Set(all.match(ERROR_CODE) ?? [])].slice(0, 10);
  const dates = tickets
    .map((t) => t.resolvedAt)
    .filter(Boolean)
    .sort() as string[];
  const date = (dates[0] ?? new Date().toISOString()).slice(0, 10);
  const env = [
    ...new Set(
      tickets
        .flatMap((t) => t.environment)
        .map((e) => e.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    ),
  ].slice(0, 8);
  const frontmatter: Record<string, unknown> = {
    title,
    summary: draftSummary(title, problem, resolution, locale),
    type: 'problem',
    category,
    tags: ['import'],
    ...(env.length ? { environment: { service: env.map((e) => e.slice(0, 200)) } } : {}),
    errorCodes,
    audience: 'second-level',
    confidence: 'wip',
    owner: (first.team || 'Import').slice(0, 200),
    created: date,
    reviewed: date,
    lang: locale,
    // Every ticket stays linked in content/escalations/links.json; the article names the first ones.
    sources: tickets.slice(0, MAX_LISTED).map((t) => ({ system: t.system, id: t.id })),
  };
  // Other tickets with a resolution worded differently, so a recurring problem stays readable.
  const seen = new Set([plain(first.resolution).replace(/\s+/g, ' ').trim()]);
  const others = tickets.slice(1).filter((t) => {
    const r = plain(t.resolution).replace(/\s+/g, ' ').trim();
    return !seen.has(r) && seen.add(r);
  });
  const more = others.length > MAX_LISTED ? others.length - MAX_LISTED : 0;
  const body = [
    `## ${h.issue}`,
    '',
    toMarkdown(problem, md),
    '',
    `## ${h.environment}`,
    '',
    env.length ? env.map((e) => `- ${markdownLine(e, md)}`).join('\n') : de ? 'Noch nicht beschrieben.' : 'Not described yet.',
    '',
    `## ${h.cause}`,
    '',
    first.cause
      ? toMarkdown(cleanTicketText(first.cause), md)
      : de
        ? '{/* Ursache eintragen, sobald sie bekannt ist. */}'
        : '{/* Add the cause once it is known. */}',
    '',
    `## ${h.resolution}`,
    '',
    toMarkdown(resolution, { ...md, steps: true }),
    ...(others.length
      ? [
          '',
          `### ${de ? 'Weitere Tickets mit diesem Problem' : 'More tickets with this problem'}`,
          '',
          ...others
            .slice(0, MAX_LISTED)
            .map((t) => `- ${markdownLine(`${t.id}: ${sentences(cleanTicketText(t.resolution) || t.resolution, 300)}`, md)}`),
          ...(more ? [`- ${de ? `… und ${more} weitere mit anderer Lösung` : `… and ${more} more with another resolution`}`] : []),
        ]
      : []),
    ...(tickets.length > 1 ? ['', de ? `${tickets.length} Tickets insgesamt.` : `${tickets.length} tickets in total.`] : []),
    '',
  ].join('\n');
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}`;
}

const articleSchema = makeArticleSchema(365);
/** Elements a draft body may render to; anything else (script, img, raw HTML, JSX) means escaping failed. */
const ALLOWED_ELEMENTS = new Set(['p', 'h2', 'h3', 'ul', 'ol', 'li', 'code', 'a', 'br', 'em', 'strong']);

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/**
 * Why a draft would break the build or render something live, or undefined when it is fine: the
 * frontmatter against the article schema, the size, the body through the MDX compiler, and every
 * element and link of the result.
 */
export function draftProblem(content: string, linkHosts: readonly string[]): string | undefined {
  if (Buffer.byteLength(content) > MAX_DRAFT_BYTES)
    return `the draft would be ${Math.round(Buffer.byteLength(content) / 1024)} KB (limit ${MAX_DRAFT_BYTES / 1024} KB)`;
  const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
  if (!m) return 'no frontmatter';
  const parsed = articleSchema.safeParse(parseYaml(m[1]!));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return `frontmatter ${i.path.join('.') || '(root)'}: ${i.message}`;
  }
  let tree: HastNode;
  try {
    tree = mdxToHast(content.slice(m[0].length)) as unknown as HastNode;
  } catch (e) {
    return `the body does not compile as MDX (${String((e as Error).message)
      .split('\n')[0]!
      .slice(0, 160)})`;
  }
  const stack: HastNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'root' && n.type !== 'element' && n.type !== 'text' && n.type !== 'comment' && n.type !== 'mdxFlowExpression')
      return `the body renders a ${n.type} node`;
    // Our own {/* comment */} placeholder is the only expression a draft may hold.
    if (n.type === 'mdxFlowExpression') {
      if (/^\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*$/.test(String((n as { value?: unknown }).value ?? ''))) continue;
      return 'the body holds an MDX expression';
    }
    if (n.type === 'element') {
      if (!ALLOWED_ELEMENTS.has(n.tagName ?? '')) return `the body renders a <${n.tagName}> element`;
      if (n.tagName === 'a') {
        const href = String(n.properties?.href ?? '');
        let host = '';
        try {
          const u = new URL(href);
          if (u.protocol === 'https:' || u.protocol === 'http:') host = u.hostname;
        } catch {
          /* not a URL */
        }
        if (!host || !linkHosts.some((a) => host === a || host.endsWith(`.${a}`)))
          return `the body links to a host that is not allowed (${href.slice(0, 40)})`;
      }
    }
    stack.push(...(n.children ?? []));
  }
  return undefined;
}

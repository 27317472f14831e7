/**
 * KCS article structure: the section headings a `problem` article must have, per language,
 * and a checker that reports missing or misordered sections with line numbers.
 */
import type { ArticleType } from '../schemas/article.ts';
import type { Locale } from '../schemas/common.ts';

export type KcsSection = 'issue' | 'environment' | 'cause' | 'resolution';

export const KCS_HEADINGS: Record<Locale, Record<KcsSection, string>> = {
  de: { issue: 'Problem', environment: 'Umgebung', cause: 'Ursache', resolution: 'Lösung' },
  en: { issue: 'Issue', environment: 'Environment', cause: 'Cause', resolution: 'Resolution' },
};

/** Sections in their required order; `cause` may be omitted when it is not (yet) known. */
export const KCS_ORDER: readonly KcsSection[] = ['issue', 'environment', 'cause', 'resolution'];
export const KCS_OPTIONAL: ReadonlySet<KcsSection> = new Set(['cause']);

export interface Heading {
  depth: number;
  text: string;
  /** 1-based line number in the body. */
  line: number;
}

/** ATX headings of a Markdown/MDX body, ignoring fenced code blocks. */
export function extractHeadings(body: string): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const m = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) headings.push({ depth: m[1]!.length, text: m[2]!.trim(), line: i + 1 });
  }
  return headings;
}

export interface SectionProblem {
  section: KcsSection;
  heading: string;
  kind: 'missing' | 'order';
  message: string;
  line?: number;
}

/**
 * Checks the KCS sections of an article body. Only `problem` articles are required to follow
 * the structure; other types may use any headings.
 */
export function checkKcsSections(body: string, type: ArticleType, lang: Locale): SectionProblem[] {
  if (type !== 'problem') return [];
  const names = KCS_HEADINGS[lang];
  const h2 = extractHeadings(body).filter((h) => h.depth === 2);
  const problems: SectionProblem[] = [];
  let lastIndex = -1;
  let lastName = '';
  for (const section of KCS_ORDER) {
    const heading = names[section];
    const found = h2.findIndex((h) => h.text.toLocaleLowerCase(lang) === heading.toLocaleLowerCase(lang));
    if (found === -1) {
      if (!KCS_OPTIONAL.has(section)) {
        problems.push({
          section,
          heading,
          kind: 'missing',
          message: `missing required section "## ${heading}"`,
        });
      }
      continue;
    }
    if (found < lastIndex) {
      problems.push({
        section,
        heading,
        kind: 'order',
        line: h2[found]!.line,
        message: `section "## ${heading}" must come after "## ${lastName}"`,
      });
    }
    lastIndex = found;
    lastName = heading;
  }
  return problems;
}

/**
 * Author feedback on article bodies before a build: MDX syntax errors with file and line (the same
 * compiler the build uses, Sätteri), and text that renders differently from what the author wrote
 * because a backslash in a path escapes the `<` or `{` after it.
 */
import { mdxToHast } from 'satteri';
import type { ContentProblem } from './problems.ts';

export interface BodySource {
  file: string;
  body: string;
  /** File line of the body's first line. */
  bodyLine: number;
}

/** Compiles each body as MDX; a syntax error becomes a problem at its file line. */
export async function checkMdxSyntax(articles: readonly BodySource[]): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  for (const a of articles) {
    try {
      mdxToHast(a.body);
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      const m = /^(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(raw);
      const line = m ? Number(m[1]) + a.bodyLine - 1 : undefined;
      const message = (m ? m[3]! : raw).replace(/\s*\([a-z-]+:[a-z-]+\)\s*$/, '').trim();
      problems.push({
        file: a.file,
        field: 'body',
        line,
        severity: 'error',
        message: `MDX syntax error${m ? ` at column ${m[2]}` : ''}: ${message}. Put commands, paths and placeholders like <Name> in backticks, or escape < and { as \\< and \\{`,
      });
    }
  }
  return problems;
}

/** Prose lines with fenced code blocks and inline code blanked (they render literally). */
function prose(body: string): string[] {
  let fence = false;
  return body.split('\n').map((line) => {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
  });
}

// A path segment, then one backslash that escapes `<` or `{`: `C:\Users\<Name>` renders "C:\Users<Name>".
const SWALLOWED = /[\w%$)\]]\\(?=[<{])/g;

/** Places where a path's backslash is eaten as an escape, so the page shows the path without it. */
export function swallowedBackslashes(a: BodySource): ContentProblem[] {
  return prose(a.body).flatMap((line, i) =>
    [...line.matchAll(SWALLOWED)].map((m) => {
      const snippet = line.slice(Math.max(0, m.index - 12), m.index + 8).trim();
      return {
        file: a.file,
        field: 'body',
        line: a.bodyLine + i,
        severity: 'error' as const,
        message: `"${snippet}": the backslash before < or { only escapes it and disappears from the page; write the path in backticks (\`C:\\Users\\<Name>\`) or double the backslash (\\\\\\<)`,
      };
    }),
  );
}

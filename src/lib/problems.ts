/** Content problems found by validation and integrity checks, and how they are printed. */
import type { z } from 'zod';

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  /** Path of the offending file, relative to the project root where possible. */
  file: string;
  /** Dotted field path (`environment.os`), a section (`## Lösung`) or an item id. */
  field: string;
  message: string;
  severity: Severity;
  line?: number;
}

/** Turns zod issues into content problems that name the file and the field path. */
export function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.map(String).join('.') : '(frontmatter)',
    message: issue.message,
    severity: 'error' as const,
  }));
}

/** One line per problem: `file:line  field: message`. */
export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}  ${p.field}: ${p.message}`;
}

export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems.map((p) => `  ${p.severity === 'warning' ? 'warning' : 'error'}  ${formatProblem(p)}`).join('\n');
}

/** Error thrown when content is invalid; its message lists every problem. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];
  constructor(problems: readonly ContentProblem[], heading = 'Invalid content') {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`${heading} (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${formatProblems(errors)}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/**
 * Reading content files from disk without Astro: frontmatter splitting, YAML parsing and schema
 * validation with problems that name the file and field. Used by the `kb` CLI and the tests; the
 * site reads the same files through Astro's loaders with the same schemas.
 */
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './problems.ts';
import { zodProblems } from './problems.ts';

export interface SplitFile {
  /** Raw frontmatter YAML (without the `---` fences), or null when the file has none. */
  frontmatter: string | null;
  body: string;
  /** 1-based line on which the body starts. */
  bodyLine: number;
}

/** Splits `---` YAML frontmatter from a Markdown/MDX source. */
export function splitFrontmatter(source: string): SplitFile {
  const text = source.replace(/^\uFEFF/, '');
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { frontmatter: null, body: text, bodyLine: 1 };
  const bodyLine = m[0].split('\n').length + (m[0].endsWith('\n') ? 0 : 1);
  return { frontmatter: m[1]!, body: text.slice(m[0].length), bodyLine };
}

export type Parsed<T> = { ok: true; data: T; body: string; bodyLine: number } | { ok: false; problems: ContentProblem[] };

function yamlProblem(file: string, e: unknown, lineOffset: number): ContentProblem {
  if (e instanceof YAMLParseError) {
    const line = e.linePos?.[0]?.line;
    return {
      file,
      field: '(yaml)',
      message: e.message.split('\n')[0]!,
      severity: 'error',
      line: line === undefined ? undefined : line + lineOffset,
    };
  }
  return { file, field: '(yaml)', message: String(e), severity: 'error' };
}

/** Parses a YAML document and validates it against `schema`. */
export function parseYamlWith<S extends z.ZodType>(file: string, source: string, schema: S): Parsed<z.output<S>> {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (e) {
    return { ok: false, problems: [yamlProblem(file, e, 0)] };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, problems: zodProblems(file, result.error) };
  return { ok: true, data: result.data, body: '', bodyLine: 1 };
}

/** Parses an MDX/Markdown file's frontmatter and validates it against `schema`. */
export function parseEntryWith<S extends z.ZodType>(file: string, source: string, schema: S): Parsed<z.output<S>> {
  const split = splitFrontmatter(source);
  if (split.frontmatter === null) {
    return {
      ok: false,
      problems: [{ file, field: '(frontmatter)', message: 'missing --- frontmatter block at the top of the file', severity: 'error' }],
    };
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.frontmatter);
  } catch (e) {
    return { ok: false, problems: [yamlProblem(file, e, 1)] };
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) return { ok: false, problems: zodProblems(file, result.error) };
  return { ok: true, data: result.data, body: split.body, bodyLine: split.bodyLine };
}

export function readYamlFile<S extends z.ZodType>(path: string, schema: S, displayPath = path) {
  return parseYamlWith(displayPath, readFileSync(path, 'utf8'), schema);
}

/**
 * The content folder the site and CLI read: `KB_CONTENT_DIR` (absolute or relative to the
 * project root), default `content`. Tests point it at fixture folders.
 */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return env.KB_CONTENT_DIR?.trim() || 'content';
}

/** Every file below `dir` whose name ends with one of `extensions`, as sorted POSIX paths. */
export function listFiles(dir: string, extensions: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile() && extensions.some((e) => d.name.endsWith(e)))
    .map((d) => join(d.parentPath, d.name).split(sep).join('/'))
    .sort();
}

/** Fenced code blocks and inline code spans: their text is never MDX syntax. */
const CODE = /^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1?\2[`~]*[ \t]*$|(?![\s\S]))|(`+)(?!`)[\s\S]*?[^`]\3(?!`)/gm;

/**
 * Whether an MDX body needs the MDX compiler, or is plain Markdown that renders the same without
 * it: no import/export, no JSX or HTML tag, no `{expression}` outside code. Plain bodies are
 * rendered once during content sync instead of becoming a JavaScript module each, which keeps a
 * 10,000-article build fast and small. When in doubt the answer is yes (MDX is always correct).
 */
export function needsMdx(body: string): boolean {
  const prose = body.replace(CODE, ' ');
  return /^\s*(?:import|export)\s/m.test(prose) || /(?<!\\)<[A-Za-z/!?]/.test(prose) || /(?<!\\)[{}]/.test(prose);
}

import { describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToHast } from 'satteri';
import { checkMdxSyntax, swallowedBackslashes } from '../../src/lib/mdx-check.ts';

type Hast = { type: string; value?: string; children?: Hast[] };
const text = (n: Hast): string => (n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(text).join(''));
const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

describe('MDX bodies', () => {
  it('reports a syntax error with the file line and what to do', async () => {
    const problems = await checkMdxSyntax([
      { file: 'content/articles/de/x.mdx', body: '## Problem\n\nWarten Sie <5 Minuten.\n', bodyLine: 12 },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/articles/de/x.mdx', line: 14, severity: 'error' });
    expect(problems[0]!.message).toMatch(/MDX syntax error.*backticks/);
    expect(await checkMdxSyntax([{ file: 'ok.mdx', body: 'Pfad `C:\\Users\\<Name>` und \\<Platzhalter\\>\n', bodyLine: 1 }])).toEqual([]);
  });

  it('renders backslashes and escaped placeholders the same as plain Markdown and as MDX', async () => {
    // Plain-Markdown articles are rendered by the Markdown pipeline, the others by MDX (src/data/articles-loader.ts).
    for (const source of [
      'C:\\Users\\\\\\<Name\\>\\AppData',
      '%USERPROFILE%\\AppData\\Local',
      '\\\\\\\\server\\\\share',
      'HKLM\\SOFTWARE\\Policies',
      'Ordner \\{Projekt\\}',
    ]) {
      const md = htmlText(markdownToHtml(source).html);
      const mdx = text(mdxToHast(source) as unknown as Hast).trim();
      expect(mdx, source).toBe(md);
    }
  });

  it('flags a path whose backslash is swallowed by an escape, outside code only', () => {
    const body = 'Öffnen Sie C:\\Users\\<Name\\>\\Desktop.\n\n`C:\\Users\\<Name>` ist richtig.\n\n```\nC:\\Users\\<Name>\n```\n';
    const problems = swallowedBackslashes({ file: 'a.mdx', body, bodyLine: 10 });
    expect(problems.map((p) => p.line)).toEqual([10]);
    expect(problems[0]!.message).toContain('disappears from the page');
    expect(swallowedBackslashes({ file: 'a.mdx', body: 'Pfad C:\\Users\\\\\\<Name\\>\n', bodyLine: 1 })).toEqual([]);
  });
});

/**
 * Lint for employee decision trees: what an employee reads must not carry staff internals —
 * team names and addresses, support levels, server and host names, UNC paths, private IP
 * addresses. Routing (`team`, `level`, `priority`, `reason`) is never shown in the employee build;
 * every other text of an employee tree is.
 */
import type { Tree, TreeNode } from '../schemas/tree.ts';
import type { ContentProblem } from './problems.ts';

export interface TreeLintOptions {
  /** Team display names and e-mail addresses from kb.config.ts. */
  teamNames: readonly string[];
  teamEmails: readonly string[];
}

export interface TreeLintProblem extends ContentProblem {
  rule: 'internal-in-employee-tree';
}

/** Patterns of internal-looking values, each with what it is. */
const INTERNAL_PATTERNS: readonly [RegExp, string][] = [
  [/\\\\[A-Za-z0-9][\w.-]*\\[^\s"'“”]*/g, 'a UNC path'],
  [/\b(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}\b/g, 'a private IP address'],
  [/\b[\w-]+(?:\.[\w-]+)*\.(?:local|intern|internal|corp|lan|ad)\b/gi, 'an internal host name'],
  // Server-style host names: letters with a number suffix (PRINT01, SRV-FS-02, DC1), written in capitals.
  [/\b(?:SRV|SVR|DC|FS|PRN|PRINT|SQL|APP|WEB|EXCH|RDS|VPN|NAS)[-_]?[A-Z0-9-]*\d{1,3}\b/g, 'a server name'],
  [/\b(?:L[23]|Level[ -]?[23]|[23]nd[ -]Level|2nd|3rd[ -]Level|Second[ -]Level|Third[ -]Level)\b/gi, 'a support level'],
];

/** The texts of a node an employee reads, with the field path they come from. */
function visibleTexts(id: string, node: TreeNode): [string, string][] {
  const at = (f: string) => `nodes.${id}.${f}`;
  switch (node.type) {
    case 'question':
      return [
        [at('text'), node.text],
        ...(node.help ? [[at('help'), node.help] as [string, string]] : []),
        ...node.answers.map((a, i): [string, string] => [at(`answers.${i}.label`), a.label]),
      ];
    case 'solved':
      return [[at('text'), node.text]];
    case 'tree':
      return node.text ? [[at('text'), node.text]] : [];
    case 'escalate':
      return [
        ...(node.text ? [[at('text'), node.text] as [string, string]] : []),
        ...node.collect.flatMap((f, i): [string, string][] => [
          [at(`collect.${i}.label`), f.label],
          ...(f.hint ? [[at(`collect.${i}.hint`), f.hint] as [string, string]] : []),
          ...(f.options ?? []).map((o, j): [string, string] => [at(`collect.${i}.options.${j}`), o]),
        ]),
      ];
  }
}

function lineOf(source: string, needle: string): number | undefined {
  const i = source.split('\n').findIndex((l) => l.includes(needle));
  return i === -1 ? undefined : i + 1;
}

/** Problems of one employee tree; staff trees are not checked (staff may read internals). */
export function lintEmployeeTree(tree: Tree, file: string, source: string, o: TreeLintOptions): TreeLintProblem[] {
  if (tree.audience !== 'employee') return [];
  const problems: TreeLintProblem[] = [];
  const texts: [string, string][] = [
    ['title', tree.title],
    ['description', tree.description],
    ...Object.entries(tree.nodes).flatMap(([id, n]) => visibleTexts(id, n)),
  ];
  const named: [string, string][] = [
    ...o.teamNames.map((n): [string, string] => [n, 'a team name']),
    ...o.teamEmails.map((e): [string, string] => [e, "a team's e-mail address"]),
  ];
  for (const [field, text] of texts) {
    const found = new Map<string, string>();
    for (const [value, what] of named) if (value && text.toLowerCase().includes(value.toLowerCase())) found.set(value, what);
    for (const [re, what] of INTERNAL_PATTERNS) for (const m of text.matchAll(re)) found.set(m[0], what);
    for (const [value, what] of found) {
      problems.push({
        file,
        field,
        line: lineOf(source, value),
        severity: 'error',
        rule: 'internal-in-employee-tree',
        message: `"${value}" looks like ${what}; employees see this text. Move it to the escalation's \`reason\` (shown to staff only) or reword it`,
      });
    }
  }
  return problems;
}

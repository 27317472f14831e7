/**
 * Decision-tree logic, pure: integrity checks over all trees, walking a path of answers, the
 * escalation handoff summary (shared by the tree page and the tests) and the reference marker the
 * escalation importer reads back.
 */
import type { Audience, Confidence } from '../schemas/vocabulary.ts';
import type { CollectField, Priority, Tree, TreeNode } from '../schemas/tree.ts';
import { isInternal } from './audience.ts';
import type { ContentProblem } from './problems.ts';

export interface TreeEntry {
  tree: Tree;
  /** Path relative to the project root. */
  file: string;
}

export interface ArticleFacts {
  title: string;
  audience: Audience;
  confidence: Confidence;
}

/** Ids of the nodes a node leads to. */
export function successors(node: TreeNode): string[] {
  switch (node.type) {
    case 'question':
      return node.answers.map((a) => a.next);
    case 'solved':
      return [node.next];
    default:
      return [];
  }
}

/** Nodes that end a walk through the tree. */
export function isEnd(node: TreeNode): boolean {
  return node.type === 'escalate' || node.type === 'tree' || node.type === 'solved';
}

/**
 * Checks every tree: references (nodes, articles, trees, teams), cycles, unreachable nodes,
 * nodes with no way to an end, duplicate ids, article confidence and audience.
 */
export function checkTrees(
  entries: readonly TreeEntry[],
  articles: ReadonlyMap<string, ArticleFacts>,
  teams: ReadonlySet<string>,
  categories?: ReadonlySet<string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map<string, TreeEntry>();
  for (const e of entries) {
    const other = byId.get(e.tree.id);
    if (other) {
      problems.push({ file: e.file, field: 'id', message: `duplicate tree id "${e.tree.id}", also used by ${other.file}`, severity: 'error' });
    } else byId.set(e.tree.id, e);
  }

  for (const { tree, file } of entries) {
    const at = (nodeId: string, field: string) => (nodeId ? `nodes.${nodeId}.${field}` : field);
    const err = (field: string, message: string) => problems.push({ file, field, message, severity: 'error' });
    const warn = (field: string, message: string) => problems.push({ file, field, message, severity: 'warning' });
    const nodes = tree.nodes;
    const has = (id: string) => Object.hasOwn(nodes, id);

    const stem = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
    if (stem !== tree.id) err('id', `is "${tree.id}" but the file is named "${stem}"; they must match`);
    if (!has(tree.start)) err('start', `unknown node "${tree.start}"`);
    if (categories && !categories.has(tree.category)) err('category', `unknown category "${tree.category}"`);

    for (const [id, node] of Object.entries(nodes)) {
      if (node.type === 'question') {
        node.answers.forEach((a, i) => {
          if (!has(a.next)) err(at(id, `answers.${i}.next`), `unknown node "${a.next}"`);
        });
      }
      if (node.type === 'solved') {
        if (!has(node.next)) err(at(id, 'next'), `unknown node "${node.next}"`);
        const article = articles.get(node.article);
        if (!article) err(at(id, 'article'), `unknown article "${node.article}"`);
        else if (article.confidence === 'archived') {
          err(at(id, 'article'), `article "${node.article}" is archived; point to its replacement`);
        } else {
          if (article.confidence !== 'validated') {
            warn(at(id, 'article'), `article "${node.article}" is not validated yet (confidence: ${article.confidence})`);
          }
          if (tree.audience === 'employee' && isInternal(article.audience)) {
            err(at(id, 'article'), `employee tree points to "${node.article}", whose audience is ${article.audience}`);
          }
        }
      }
      if (node.type === 'escalate') {
        if (!teams.has(node.team)) err(at(id, 'team'), `unknown team "${node.team}"; expected one of: ${[...teams].join(', ')}`);
        const seen = new Set<string>();
        node.collect.forEach((f, i) => {
          if (seen.has(f.id)) err(at(id, `collect.${i}.id`), `duplicate field id "${f.id}"`);
          seen.add(f.id);
        });
      }
      if (node.type === 'tree') {
        const target = byId.get(node.tree);
        if (!target) err(at(id, 'tree'), `unknown tree "${node.tree}"`);
        else if (node.tree === tree.id) err(at(id, 'tree'), 'a tree cannot hand over to itself');
        else if (tree.audience === 'employee' && target.tree.audience !== 'employee') {
          err(at(id, 'tree'), `employee tree hands over to "${node.tree}", whose audience is ${target.tree.audience}`);
        }
      }
    }

    // Cycles: depth-first search with colours; report each node that closes a cycle once.
    const colour = new Map<string, 1 | 2>();
    const visit = (id: string, trail: string[]) => {
      colour.set(id, 1);
      for (const next of successors(nodes[id]!)) {
        if (!has(next)) continue;
        if (colour.get(next) === 1) {
          const cycle = [...trail.slice(trail.indexOf(next)), id, next];
          err(`nodes.${id}`, `cycle: ${cycle.join(' → ')}`);
        } else if (!colour.has(next)) visit(next, [...trail, id]);
      }
      colour.set(id, 2);
    };
    if (has(tree.start)) visit(tree.start, []);

    for (const id of Object.keys(nodes)) {
      if (!colour.has(id)) err(`nodes.${id}`, `unreachable from start "${tree.start}"`);
    }

    // Nodes from which no end can be reached (possible only through cycles or dangling links).
    const canEnd = new Set(Object.keys(nodes).filter((id) => isEnd(nodes[id]!)));
    for (let changed = true; changed; ) {
      changed = false;
      for (const [id, node] of Object.entries(nodes)) {
        if (!canEnd.has(id) && successors(node).some((n) => canEnd.has(n))) {
          canEnd.add(id);
          changed = true;
        }
      }
    }
    for (const id of Object.keys(nodes)) {
      if (!canEnd.has(id)) err(`nodes.${id}`, 'no way from this node to an end (solved, escalate or tree)');
    }
  }

  // Hand-overs between trees must not go round in a circle either.
  const handovers = new Map(entries.map((e) => [e.tree.id, Object.values(e.tree.nodes).flatMap((n) => (n.type === 'tree' ? [n.tree] : []))]));
  const state = new Map<string, 1 | 2>();
  const visitTree = (id: string, trail: string[]) => {
    state.set(id, 1);
    for (const next of handovers.get(id) ?? []) {
      if (!handovers.has(next) || next === id) continue;
      if (state.get(next) === 1) {
        problems.push({ file: byId.get(id)!.file, field: 'nodes', message: `trees hand over in a circle: ${[...trail, id, next].join(' → ')}`, severity: 'error' });
      } else if (!state.has(next)) visitTree(next, [...trail, id]);
    }
    state.set(id, 2);
  };
  for (const id of handovers.keys()) if (!state.has(id)) visitTree(id, []);
  return problems;
}

/** One step of a walk: the node and the chosen answer (index for questions, 1 = "did not help" for solved). */
export interface Step {
  node: string;
  choice: number;
}

export interface WalkResult {
  /** The node reached after the steps. */
  current: string;
  /** Steps that were valid; a walk stops at the first step that does not fit the tree. */
  steps: Step[];
}

/** Replays a path of answers from the start; invalid steps are dropped (e.g. an old deep link). */
export function walk(tree: Tree, steps: readonly Step[]): WalkResult {
  let current = tree.start;
  const valid: Step[] = [];
  for (const step of steps) {
    const node = tree.nodes[current];
    if (!node || step.node !== current) break;
    let next: string | undefined;
    if (node.type === 'question') next = node.answers[step.choice]?.next;
    else if (node.type === 'solved' && step.choice === 1) next = node.next;
    if (!next || !tree.nodes[next]) break;
    valid.push({ node: step.node, choice: step.choice });
    current = next;
  }
  return { current, steps: valid };
}

/** `node.choice` pairs joined by `_`, e.g. `verbindung.0_dns-loesung.1`; stays readable in a URL query. */
export function encodePath(steps: readonly Step[]): string {
  return steps.map((s) => `${s.node}.${s.choice}`).join('_');
}

export function decodePath(value: string | null | undefined): Step[] {
  if (!value) return [];
  return value.split('_').flatMap((part) => {
    const m = /^([a-z0-9-]+)\.(\d{1,3})$/.exec(part);
    return m ? [{ node: m[1]!, choice: Number(m[2]) }] : [];
  });
}

/** The reference marker the escalation importer reads back from ticket text. */
export function treeMarker(treeId: string, version: string, nodeId: string): string {
  return `kb-tree:${treeId}@${version}#${nodeId}`;
}

const MARKER_RE = /kb-tree:([a-z0-9]+(?:-[a-z0-9]+)*)@([0-9][0-9.]*)#([a-z0-9]+(?:-[a-z0-9]+)*)/;

export function parseTreeMarker(text: string): { tree: string; version: string; node: string } | undefined {
  const m = MARKER_RE.exec(text);
  return m ? { tree: m[1]!, version: m[2]!, node: m[3]! } : undefined;
}

export type CollectedValue = string | boolean | undefined;

export interface HandoffLabels {
  heading: string;
  tree: string;
  version: string;
  target: string;
  level: string;
  priority: string;
  priorities: Record<Priority, string>;
  reason: string;
  steps: string;
  articlesTried: string;
  notHelped: string;
  details: string;
  yes: string;
  no: string;
  empty: string;
  subject: string;
}

export interface HandoffInput {
  tree: Pick<Tree, 'id' | 'title' | 'version' | 'nodes'>;
  steps: readonly Step[];
  /** The escalate node the walk ended in. */
  nodeId: string;
  collected: Readonly<Record<string, CollectedValue>>;
  articleTitles: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  team: { name: string; email: string };
  labels: HandoffLabels;
}

export interface Handoff {
  subject: string;
  text: string;
  /** Required fields that are still empty. */
  missing: CollectField[];
}

const titleOf = (titles: HandoffInput['articleTitles'], id: string) =>
  (titles instanceof Map ? titles.get(id) : (titles as Record<string, string>)[id]) ?? id;

/** The plain-text escalation summary: the same text is copied, e-mailed and put in the ticket. */
export function buildHandoff(input: HandoffInput): Handoff {
  const { tree, steps, nodeId, collected, team, labels: l } = input;
  const node = tree.nodes[nodeId];
  if (!node || node.type !== 'escalate') throw new Error(`node "${nodeId}" of tree "${tree.id}" is not an escalation`);
  const lines: string[] = [];
  lines.push(`${l.heading}: ${tree.title}`);
  lines.push(`${l.tree}: ${tree.title} (${tree.id}), ${l.version} ${tree.version}`);
  lines.push(`${l.target}: ${l.level} ${node.level} – ${team.name} <${team.email}>`);
  lines.push(`${l.priority}: ${l.priorities[node.priority]}`);
  lines.push(`${l.reason}: ${node.reason}`);

  const answered = steps.filter((s) => tree.nodes[s.node]?.type === 'question');
  lines.push('', `${l.steps}:`);
  if (!answered.length) lines.push(`- ${l.empty}`);
  for (const s of answered) {
    const q = tree.nodes[s.node];
    if (q?.type === 'question') lines.push(`- ${q.text} → ${q.answers[s.choice]?.label ?? '?'}`);
  }

  const tried = steps.filter((s) => tree.nodes[s.node]?.type === 'solved');
  if (tried.length) {
    lines.push('', `${l.articlesTried}:`);
    for (const s of tried) {
      const n = tree.nodes[s.node];
      if (n?.type === 'solved') lines.push(`- ${titleOf(input.articleTitles, n.article)} (${n.article}): ${l.notHelped}`);
    }
  }

  const missing: CollectField[] = [];
  if (node.collect.length) {
    lines.push('', `${l.details}:`);
    for (const f of node.collect) {
      const v = collected[f.id];
      const empty = v === undefined || (typeof v === 'string' && v.trim() === '') || (f.type === 'checkbox' && v === false);
      if (f.required && empty) missing.push(f);
      const shown = f.type === 'checkbox' ? (v ? l.yes : l.no) : typeof v === 'string' && v.trim() ? v.trim().replace(/\s*\n\s*/g, ' / ') : '–';
      lines.push(`- ${f.label}: ${shown}`);
    }
  }
  lines.push('', treeMarker(tree.id, tree.version, nodeId));
  return { subject: `${l.subject}: ${tree.title}`, text: lines.join('\n'), missing };
}

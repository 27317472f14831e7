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
      problems.push({
        file: e.file,
        field: 'id',
        message: `duplicate tree id "${e.tree.id}", also used by ${other.file}`,
        severity: 'error',
      });
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
    for (let changed = true; changed;) {
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
  const handovers = new Map(
    entries.map((e) => [e.tree.id, Object.values(e.tree.nodes).flatMap((n) => (n.type === 'tree' ? [n.tree] : []))]),
  );
  const state = new Map<string, 1 | 2>();
  const visitTree = (id: string, trail: string[]) => {
    state.set(id, 1);
    for (const next of handovers.get(id) ?? []) {
      if (!handovers.has(next) || next === id) continue;
      if (state.get(next) === 1) {
        problems.push({
          file: byId.get(id)!.file,
          field: 'nodes',
          message: `trees hand over in a circle: ${[...trail, id, next].join(' → ')}`,
          severity: 'error',
        });
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

/** Who reads the escalation: staff (routing, level, priority, reason) or the employee (their own request). */
export type HandoffMode = 'staff' | 'employee';

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
  empty: string;
  subject: string;
  /** The part of the path walked in an earlier tree, e.g. "Vorher in: {title}". */
  earlier: string;
  /** Appended to an article title in another language, e.g. "(Englisch)". */
  otherLanguage: Record<string, string>;
  /** Employee mode: heading and subject of the employee's own request. */
  employeeHeading: string;
  employeeSubject: string;
  employeeSteps: string;
}

/** Labels for an employee page: the routing vocabulary (target, level, priority, reason) left empty. */
export function withoutRouting(l: HandoffLabels): HandoffLabels {
  return {
    ...l,
    heading: '',
    target: '',
    level: '',
    priority: '',
    reason: '',
    subject: '',
    priorities: { low: '', medium: '', high: '', critical: '' },
  };
}

/** What a handoff needs to describe a step of a tree: node texts, answer labels, article titles. */
export type StepTree = Pick<Tree, 'id' | 'title' | 'version' | 'start' | 'nodes'>;

export interface ArticleRef {
  title: string;
  /** The article's language, where it differs from the tree's. */
  lang?: string | undefined;
}

/**
 * The path walked in an earlier tree before it handed over to this one, as the lines that tree's
 * handoff would write (see `handoffLines`); the earlier tree's page hands them over on the click.
 */
export interface EarlierPath {
  title: string;
  answered: readonly string[];
  tried: readonly string[];
}

export interface HandoffInput {
  tree: StepTree;
  steps: readonly Step[];
  /** The escalate node the walk ended in. */
  nodeId: string;
  collected: Readonly<Record<string, CollectedValue>>;
  articleTitles: ReadonlyMap<string, string | ArticleRef> | Readonly<Record<string, string | ArticleRef>>;
  team: { name: string; email: string };
  labels: HandoffLabels;
  /** Fields every escalation offers (caller, callback number, ticket number), before the node's own. */
  commonFields?: readonly CollectField[];
  /** Paths walked in earlier trees, oldest first, that handed over to this tree. */
  earlier?: readonly EarlierPath[];
  mode?: HandoffMode;
}

export interface Handoff {
  subject: string;
  text: string;
  /** Required fields that are still empty. */
  missing: CollectField[];
}

const refOf = (titles: HandoffInput['articleTitles'], id: string): ArticleRef => {
  const v = titles instanceof Map ? titles.get(id) : (titles as Record<string, string | ArticleRef>)[id];
  return typeof v === 'string' ? { title: v } : (v ?? { title: id });
};

/** One line per answered question, in order. */
function answeredLines(tree: StepTree, steps: readonly Step[]): string[] {
  return steps.flatMap((s) => {
    const q = tree.nodes[s.node];
    return q?.type === 'question' ? [`- ${q.text} → ${q.answers[s.choice]?.label ?? '?'}`] : [];
  });
}

/** One line per suggested article that did not help, with its language where it differs. */
function triedLines(tree: StepTree, steps: readonly Step[], titles: HandoffInput['articleTitles'], l: HandoffLabels): string[] {
  return steps.flatMap((s) => {
    const n = tree.nodes[s.node];
    if (n?.type !== 'solved' || s.choice !== 1) return [];
    const ref = refOf(titles, n.article);
    const lang = ref.lang && l.otherLanguage[ref.lang] ? ` ${l.otherLanguage[ref.lang]}` : '';
    return [`- ${ref.title}${lang} (${n.article}): ${l.notHelped}`];
  });
}

const isEmpty = (f: CollectField, v: CollectedValue) =>
  v === undefined || v === false || (typeof v === 'string' && v.trim() === '') || (f.type === 'checkbox' && v !== true);

/** The fields an escalation asks for: the common ones first, then the node's own (a node's own id wins). */
export function escalationFields(
  node: Extract<TreeNode, { type: 'escalate' }>,
  commonFields: readonly CollectField[] = [],
): CollectField[] {
  const own = new Set(node.collect.map((f) => f.id));
  return [...commonFields.filter((f) => !own.has(f.id)), ...node.collect];
}

/**
 * The plain-text escalation summary: the same text is copied, e-mailed and put in the ticket.
 * Only what was asked and answered appears: questions on the path, articles that did not help,
 * filled fields and ticked boxes. Staff summaries carry routing; employee summaries do not.
 */
export function buildHandoff(input: HandoffInput): Handoff {
  const { tree, steps, nodeId, collected, team, labels: l, mode = 'staff' } = input;
  const node = tree.nodes[nodeId];
  if (!node || node.type !== 'escalate') throw new Error(`node "${nodeId}" of tree "${tree.id}" is not an escalation`);
  const lines: string[] = [];
  if (mode === 'staff') {
    lines.push(`${l.heading}: ${tree.title}`);
    lines.push(`${l.tree}: ${tree.title} (${tree.id}), ${l.version} ${tree.version}`);
    lines.push(`${l.target}: ${l.level} ${node.level} – ${team.name} <${team.email}>`);
    lines.push(`${l.priority}: ${l.priorities[node.priority]}`);
    lines.push(`${l.reason}: ${node.reason}`);
  } else {
    lines.push(`${l.employeeHeading}: ${tree.title}`);
  }

  const answered = [
    ...(input.earlier ?? []).flatMap((e) => (e.answered.length ? [`${l.earlier.replace('{title}', e.title)}:`, ...e.answered] : [])),
    ...answeredLines(tree, steps),
  ];
  lines.push('', `${mode === 'staff' ? l.steps : l.employeeSteps}:`);
  if (!answered.length) lines.push(`- ${l.empty}`);
  lines.push(...answered);

  const tried = [...(input.earlier ?? []).flatMap((e) => e.tried), ...triedLines(tree, steps, input.articleTitles, l)];
  if (tried.length) lines.push('', `${l.articlesTried}:`, ...tried);

  const missing: CollectField[] = [];
  const details: string[] = [];
  for (const f of escalationFields(node, input.commonFields)) {
    const v = collected[f.id];
    if (isEmpty(f, v)) {
      if (f.required) missing.push(f);
      continue;
    }
    const shown =
      f.type === 'checkbox'
        ? l.yes
        : String(v)
            .trim()
            .replace(/\s*\n\s*/g, ' / ');
    details.push(`- ${f.label}: ${shown}`);
  }
  if (details.length) lines.push('', `${l.details}:`, ...details);
  lines.push('', treeMarker(tree.id, tree.version, nodeId));
  const subject = mode === 'staff' ? `${l.subject}: ${tree.title}` : `${l.employeeSubject}: ${tree.title}`;
  return { subject, text: lines.join('\n'), missing };
}

/** The lines a walk contributes to a later tree's handoff: its answered questions and the suggestions that did not help. */
export function handoffLines(tree: StepTree, steps: readonly Step[], titles: HandoffInput['articleTitles'], l: HandoffLabels): EarlierPath {
  return { title: tree.title, answered: answeredLines(tree, steps), tried: triedLines(tree, steps, titles, l) };
}

/**
 * Earlier paths as handed over between tree pages (JSON in the tab's session storage), checked
 * field by field: anything else is dropped. At most ten trees, 200 lines each, 500 characters a line.
 */
export function parseEarlier(json: string | null | undefined): EarlierPath[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const lines = (v: unknown) =>
    Array.isArray(v)
      ? v
          .filter((x): x is string => typeof x === 'string')
          .slice(0, 200)
          .map((x) => x.slice(0, 500))
      : [];
  return value.slice(0, 10).flatMap((e: unknown) => {
    if (!e || typeof e !== 'object') return [];
    const r = e as Record<string, unknown>;
    return typeof r.title === 'string' ? [{ title: r.title.slice(0, 200), answered: lines(r.answered), tried: lines(r.tried) }] : [];
  });
}

export type CommonFieldMode = 'off' | 'optional' | 'required';
export type CommonFieldId = 'caller' | 'callback' | 'ticket';

/**
 * The fields the site config adds to every escalation. Staff take the caller's name, a callback
 * number and the ticket number; employees, who are the caller, are asked only for a callback number.
 */
export function commonFields(
  modes: Readonly<Record<CommonFieldId, CommonFieldMode>>,
  labels: Readonly<Record<CommonFieldId, { label: string; hint: string }>>,
  mode: HandoffMode,
): CollectField[] {
  const ids: CommonFieldId[] = mode === 'staff' ? ['caller', 'callback', 'ticket'] : ['callback'];
  return ids.flatMap((id) =>
    modes[id] === 'off'
      ? []
      : [{ id: `kb-${id}`, label: labels[id].label, hint: labels[id].hint, type: 'text' as const, required: modes[id] === 'required' }],
  );
}

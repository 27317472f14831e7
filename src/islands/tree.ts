/**
 * Client island of the decision tree. Progressive enhancement over the anchor-linked nodes that
 * TreeRunner.astro renders: path so far, going back, restart, state in the URL
 * (`?path-<tree>=node.choice_…`), focus on each new node, live announcements, and the handoff
 * actions (copy, e-mail, ticket) with required fields enforced. Logic comes from src/lib.
 */
import { fillTicketUrl, mailtoUrl } from '../lib/links.ts';
import {
  buildHandoff,
  handoffLines,
  parseEarlier,
  decodePath,
  encodePath,
  walk,
  type ArticleRef,
  type CollectedValue,
  type EarlierPath,
  type HandoffLabels,
  type HandoffMode,
  type Step,
} from '../lib/trees.ts';
import type { CollectField, Priority, Tree, TreeNode } from '../schemas/tree.ts';
import { treeEvent } from './events.ts';

/** Strings and settings from the page; the tree's structure is read from its rendered nodes. */
interface TreeData {
  id: string;
  title: string;
  version: string;
  start: string;
  mode: HandoffMode;
  labels: HandoffLabels;
  articleTitles: Record<string, ArticleRef>;
  ticketUrlTemplate: string;
  text: { announce: string; copied: string; copyFailed: string; missing: string; change: string };
}

interface Extras {
  teams: Record<string, { name: string; email: string }>;
}

/** Rebuilds the tree (nodes, answers, links, escalation fields) from the server-rendered sections. */
function readTree(root: HTMLElement, data: TreeData): { tree: Tree; extras: Extras } {
  const prefix = `#t-${data.id}-`;
  const target = (a: HTMLAnchorElement) => decodeURIComponent(a.hash.slice(prefix.length));
  const nodes: Record<string, TreeNode> = {};
  const extras: Extras = { teams: {} };
  for (const section of root.querySelectorAll<HTMLElement>('[data-type]')) {
    const d = section.dataset;
    const text = section.querySelector('h2, h3')?.textContent?.trim() ?? '';
    const links = [...section.querySelectorAll<HTMLAnchorElement>('a[data-choice]')];
    if (d.type === 'question') {
      nodes[d.node!] = { type: 'question', text, answers: links.map((a) => ({ label: a.textContent!.trim(), next: target(a) })) };
    } else if (d.type === 'solved') {
      nodes[d.node!] = { type: 'solved', text, article: d.article!, next: target(links[1]!) };
    } else if (d.type === 'escalate') {
      const team = d.team ?? '';
      extras.teams[team] = { name: d.teamName ?? '', email: d.teamEmail ?? '' };
      const collect: CollectField[] = [...section.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-label]')].map((el) => ({
        id: el.name,
        label: el.dataset.label!,
        type: el instanceof HTMLSelectElement ? 'select' : el.type === 'checkbox' ? 'checkbox' : 'text',
        required: el.required,
      }));
      nodes[d.node!] = {
        type: 'escalate',
        level: (Number(d.level) || 2) as 2 | 3,
        team,
        priority: (d.priority ?? 'medium') as Priority,
        reason: d.reason ?? '',
        collect,
      };
    } else {
      nodes[d.node!] = { type: 'tree', tree: '' };
    }
  }
  const tree = { id: data.id, title: data.title, version: data.version, start: data.start, nodes } as Tree;
  return { tree, extras };
}

const DONE = '-done';
const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

function setup(root: HTMLElement) {
  const data = JSON.parse(root.querySelector('[data-tree-data]')!.textContent!) as TreeData;
  const { tree, extras } = readTree(root, data);
  const param = `path-${data.id}`;
  const anchor = (node: string) => `t-${data.id}-${node}`;
  const sections = new Map([...root.querySelectorAll<HTMLElement>('[data-node]')].map((s) => [s.dataset.node!, s]));
  const pathNav = root.querySelector<HTMLElement>('[data-path]')!;
  const pathList = root.querySelector<HTMLOListElement>('[data-path-list]')!;
  const live = root.querySelector<HTMLElement>('[data-live]')!;
  let steps: Step[] = [];
  let current = data.start;
  /** Steps walked in earlier trees that handed over to this one (see `handOver`). */
  let earlier: EarlierPath[] = [];
  // Usage events (src/islands/events.ts): one session from the first node shown to its outcome.
  const key = `${data.id}@${data.version}`;
  let shown = new Set<string>();
  let ended = false;
  function newSession() {
    shown = new Set();
    ended = false;
  }
  function outcome(node: string, result: 'solved' | 'escalated' | 'abandoned', path: Step[]) {
    if (ended) return;
    ended = true;
    treeEvent(key, { kind: 'outcome', node, outcome: result, path: encodePath(path) });
  }

  root.dataset.js = '';
  root.querySelectorAll<HTMLElement>('[data-nojs]').forEach((el) => (el.hidden = true));
  root.querySelectorAll<HTMLElement>('[data-js-only]').forEach((el) => (el.hidden = false));

  function readUrl() {
    const url = new URL(location.href);
    const wanted = decodePath(url.searchParams.get(param));
    earlier = handedOver(url.searchParams.get('via'));
    const result = walk(tree, wanted);
    steps = result.steps;
    current = result.current;
    const last = wanted[steps.length];
    if (last && last.node === current && last.choice === 0 && tree.nodes[current]?.type === 'solved') current = DONE;
    // A plain anchor (no-JS link or bookmark) without a path: show that node.
    const hashNode = url.hash.startsWith(`#${anchor('')}`) ? decodeURIComponent(url.hash.slice(anchor('').length + 1)) : '';
    if (!steps.length && hashNode && sections.has(hashNode)) current = hashNode;
  }

  function describe(step: Step): string {
    const node = tree.nodes[step.node];
    if (node?.type === 'question') return `${node.text} → ${node.answers[step.choice]?.label ?? ''}`;
    if (node?.type === 'solved') return `${data.articleTitles[node.article]?.title ?? node.article}: ${data.labels.notHelped}`;
    return step.node;
  }

  function render(moveFocus: boolean) {
    if (ended && current !== DONE && tree.nodes[current]?.type !== 'escalate') newSession();
    if (current !== DONE && !ended && !shown.has(current) && sections.has(current)) {
      shown.add(current);
      treeEvent(key, { kind: 'shown', node: current });
    }
    for (const [id, section] of sections) section.toggleAttribute('data-current', id === current);
    pathList.replaceChildren(
      ...steps.map((step, i) => {
        const li = document.createElement('li');
        const text = document.createElement('span');
        text.textContent = describe(step);
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        button.textContent = data.text.change;
        button.setAttribute('aria-label', `${data.text.change}: ${describe(step)}`);
        button.addEventListener('click', () => navigate(steps.slice(0, i), step.node));
        li.append(text, ' ', button);
        return li;
      }),
    );
    pathNav.hidden = steps.length === 0 && current !== DONE;
    const section = sections.get(current);
    if (tree.nodes[current]?.type === 'escalate') {
      const form = section?.querySelector<HTMLFormElement>('form[data-escalate]');
      if (form) updateSummary(form);
    }
    if (moveFocus && section) {
      section.focus();
      const heading = section.querySelector('h2, h3')?.textContent?.trim() ?? '';
      live.textContent = fill(data.text.announce, { n: steps.length + 1, text: heading });
    }
  }

  function navigate(next: Step[], target: string) {
    const url = new URL(location.href);
    if (next.length) url.searchParams.set(param, encodePath(next));
    else url.searchParams.delete(param);
    url.hash = anchor(target);
    history.pushState(null, '', url);
    readUrl();
    render(true);
  }

  /** The earlier trees' lines this page was handed, if it was opened through a hand-over from `via`. */
  function handedOver(via: string | null): EarlierPath[] {
    if (!via) return [];
    try {
      const stored = JSON.parse(sessionStorage.getItem(`kb-handover:${data.id}`) ?? 'null') as { from?: unknown; earlier?: unknown } | null;
      return stored && stored.from === via ? parseEarlier(JSON.stringify(stored.earlier)) : [];
    } catch {
      return [];
    }
  }

  /**
   * A hand-over to another tree takes the path so far along: this tree's lines (and those it was
   * handed) go into the tab's session storage for the next tree's page, which reads them only when
   * opened through this link (`?via=<this tree>`). Nothing travels in the URL but the tree id.
   */
  function handOver(link: HTMLAnchorElement) {
    const target = link.dataset.handover!;
    const lines = [...earlier, handoffLines(tree, steps, data.articleTitles, data.labels)];
    try {
      sessionStorage.setItem(`kb-handover:${target}`, JSON.stringify({ from: data.id, earlier: lines }));
    } catch {
      // Storage off: the next tree starts without the earlier steps.
    }
    const url = new URL(link.href, location.href);
    url.searchParams.set('via', data.id);
    link.href = url.pathname + url.search;
  }

  root.addEventListener('click', (event) => {
    const handover = (event.target as Element).closest<HTMLAnchorElement>('a[data-handover]');
    if (handover) handOver(handover);
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-choice]');
    if (link) {
      const node = link.closest<HTMLElement>('[data-node]')!.dataset.node!;
      event.preventDefault();
      const choice = Number(link.dataset.choice);
      const n = tree.nodes[node];
      const target = n?.type === 'question' ? n.answers[choice]!.next : choice === 0 ? DONE : (n as { next: string }).next;
      const next = [...steps, { node, choice }];
      if (!ended) treeEvent(key, { kind: 'answer', node, choice });
      if (target === DONE) outcome(node, 'solved', next);
      else if (tree.nodes[target]?.type === 'escalate') {
        // Showing the escalation node is the outcome: the session ends with a hand-over to the team.
        treeEvent(key, { kind: 'shown', node: target });
        shown.add(target);
        outcome(target, 'escalated', next);
      }
      navigate(next, target);
      return;
    }
    if ((event.target as Element).closest('[data-restart], [data-restart-link]')) {
      event.preventDefault();
      if (steps.length) outcome(current === DONE ? (steps.at(-1)?.node ?? data.start) : current, 'abandoned', steps);
      newSession();
      navigate([], data.start);
    }
  });
  window.addEventListener('popstate', () => {
    readUrl();
    render(true);
  });

  function collected(form: HTMLFormElement): Record<string, CollectedValue> {
    const values: Record<string, CollectedValue> = {};
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      values[el.name] = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    }
    return values;
  }

  function handoff(form: HTMLFormElement) {
    const nodeId = form.dataset.escalate!;
    const node = tree.nodes[nodeId] as Extract<TreeNode, { type: 'escalate' }>;
    return {
      node,
      result: buildHandoff({
        tree,
        steps,
        nodeId,
        collected: collected(form),
        articleTitles: data.articleTitles,
        team: extras.teams[node.team]!,
        labels: data.labels,
        earlier,
        mode: data.mode,
      }),
    };
  }

  function updateSummary(form: HTMLFormElement) {
    form.querySelector('[data-handoff]')!.textContent = handoff(form).result.text;
  }

  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-escalate]')) {
    form.addEventListener('input', () => updateSummary(form));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const status = form.querySelector<HTMLElement>('[data-status]')!;
      const { node, result } = handoff(form);
      if (result.missing.length || !form.checkValidity()) {
        status.textContent = fill(data.text.missing, { fields: result.missing.map((f) => f.label).join(', ') });
        form.reportValidity();
        return;
      }
      const action = (event.submitter as HTMLButtonElement | null)?.value;
      if (action === 'copy') {
        try {
          await navigator.clipboard.writeText(result.text);
          status.textContent = data.text.copied;
        } catch {
          status.textContent = data.text.copyFailed;
        }
      } else if (action === 'mail') {
        location.href = mailtoUrl(extras.teams[node.team]!.email, result.subject, result.text);
      } else if (action === 'ticket') {
        window.open(fillTicketUrl(data.ticketUrlTemplate, { title: result.subject, description: result.text }), '_blank', 'noopener');
      }
    });
  }

  // Leaving the page without an outcome is an abandoned session (a hand-over to another tree is
  // counted there, not here).
  window.addEventListener('pagehide', () => {
    if (ended || current === DONE || tree.nodes[current]?.type === 'tree') return;
    outcome(current, 'abandoned', steps);
  });

  readUrl();
  render(false);
}

export function initTrees() {
  document.querySelectorAll<HTMLElement>('[data-tree-runner]').forEach(setup);
}

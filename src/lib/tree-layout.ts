/**
 * Static renderings of a decision tree: a layered flowchart layout (drawn as SVG at build time)
 * and the linear order of the printable phone script. Pure; trees are acyclic (checked at build).
 */
import type { Tree, TreeNode } from '../schemas/tree.ts';
import { successors } from './trees.ts';

/** Nodes in breadth-first order from the start: the order of the phone script. */
export function scriptOrder(tree: Tree): string[] {
  const order: string[] = [];
  const seen = new Set<string>([tree.start]);
  const queue = [tree.start];
  while (queue.length) {
    const id = queue.shift()!;
    if (!tree.nodes[id]) continue;
    order.push(id);
    for (const next of successors(tree.nodes[id]!)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return order;
}

export interface LayoutBox {
  id: string;
  node: TreeNode;
  x: number;
  y: number;
  lines: string[];
}

export interface LayoutEdge {
  from: string;
  to: string;
  label: string;
  path: string;
  labelX: number;
  labelY: number;
}

export interface FlowchartLayout {
  width: number;
  height: number;
  boxW: number;
  boxH: number;
  boxes: LayoutBox[];
  edges: LayoutEdge[];
}

/** Greedy word wrap into at most `maxLines` lines of `width` characters, with an ellipsis. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

/** Longest-path layering from the start, left-to-right order by first visit. */
export function layoutFlowchart(tree: Tree, describe: (id: string, node: TreeNode) => string): FlowchartLayout {
  const boxW = 210;
  const boxH = 72;
  const gapX = 34;
  const gapY = 80;
  const order = scriptOrder(tree);
  const layer = new Map<string, number>([[tree.start, 0]]);
  // Relax edges in BFS order until stable; terminates because the graph is acyclic.
  for (let changed = true; changed;) {
    changed = false;
    for (const id of order) {
      const l = layer.get(id) ?? 0;
      for (const next of successors(tree.nodes[id]!)) {
        if ((layer.get(next) ?? -1) < l + 1) {
          layer.set(next, l + 1);
          changed = true;
        }
      }
    }
  }
  const rows: string[][] = [];
  for (const id of order) (rows[layer.get(id)!] ??= []).push(id);
  const widest = Math.max(...rows.map((r) => r.length));
  const width = widest * (boxW + gapX) + gapX;
  const pos = new Map<string, { x: number; y: number }>();
  rows.forEach((row, r) => {
    const rowWidth = row.length * (boxW + gapX) - gapX;
    const offset = (width - rowWidth) / 2;
    row.forEach((id, i) => pos.set(id, { x: offset + i * (boxW + gapX), y: gapY / 2 + r * (boxH + gapY) }));
  });
  const boxes = order.map((id) => ({ id, node: tree.nodes[id]!, ...pos.get(id)!, lines: wrapText(describe(id, tree.nodes[id]!), 30, 3) }));
  const edges: LayoutEdge[] = [];
  for (const id of order) {
    const node = tree.nodes[id]!;
    const labels = node.type === 'question' ? node.answers.map((a) => a.label) : node.type === 'solved' ? ['✗'] : [];
    successors(node).forEach((to, i) => {
      const a = pos.get(id)!;
      const b = pos.get(to);
      if (!b) return;
      const x1 = a.x + boxW / 2;
      const y1 = a.y + boxH;
      const x2 = b.x + boxW / 2;
      const y2 = b.y;
      const my = (y1 + y2) / 2;
      edges.push({
        from: id,
        to,
        label: wrapText(labels[i] ?? '', 22, 1)[0] ?? '',
        path: `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2 - 6}`,
        // Near the source, where the answers fan out, so labels of one question do not collide.
        labelX: x1 + (x2 - x1) * 0.3,
        labelY: y1 + 20,
      });
    });
  }
  return { width, height: rows.length * (boxH + gapY), boxW, boxH, boxes, edges };
}

/** Layout for small SVG bar charts rendered at build time (no chart library in the browser). */

export interface StackedBar {
  label: string;
  x: number;
  width: number;
  total: number;
  segments: { key: string; value: number; y: number; height: number }[];
}

/** Stacked vertical bars: one per column, segments per key, scaled to the largest total. */
export function stackedBars(
  columns: readonly { label: string; values: Record<string, number> }[],
  keys: readonly string[],
  size: { width: number; height: number; gap?: number },
): { bars: StackedBar[]; max: number } {
  const gap = size.gap ?? 8;
  const max = Math.max(1, ...columns.map((c) => keys.reduce((n, k) => n + (c.values[k] ?? 0), 0)));
  // Bars stay slim when there are few months.
  const width = columns.length ? Math.min(56, (size.width - gap * (columns.length - 1)) / columns.length) : 0;
  const bars = columns.map((c, i) => {
    let y = size.height;
    const segments = keys.flatMap((key) => {
      const value = c.values[key] ?? 0;
      if (!value) return [];
      const height = (value / max) * size.height;
      y -= height;
      return [{ key, value, y, height }];
    });
    return {
      label: c.label,
      x: i * (width + gap),
      width,
      total: size.height - y === 0 ? 0 : segments.reduce((n, s) => n + s.value, 0),
      segments,
    };
  });
  return { bars, max };
}

/** Horizontal bars for a ranking, longest first, scaled to the largest value. */
export function rankingBars(rows: readonly { label: string; value: number }[], width: number, rowHeight = 26) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return rows.map((r, i) => ({ ...r, y: i * rowHeight, width: (r.value / max) * width }));
}

/** A colour-blind-safe palette (Okabe–Ito), cycled for categories. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

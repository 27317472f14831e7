/**
 * Escalation insights (`content/escalations/insights.json`): aggregates written by the escalation
 * importer, read by the training-needs and escalations pages. No personal data.
 */
import { z } from 'zod';

export const insightsSchema = z.strictObject({
  /** When the importer last wrote the file (ISO date-time). */
  generated: z.iso.datetime({ offset: true }).or(z.iso.date()),
  /** Resolution date of the newest imported record (`YYYY-MM-DD`): the data's "as of" date. */
  latest: z.iso.date().optional(),
  /** Escalations per category and month (`YYYY-MM`), split into new problems and known issues. */
  byCategoryMonth: z.array(
    z.strictObject({
      category: z.string().min(1),
      month: z.string().regex(/^\d{4}-\d{2}$/),
      total: z.number().int().min(0),
      known: z.number().int().min(0),
      new: z.number().int().min(0),
    }),
  ),
  /** Escalations per decision-tree node, from `kb-tree:` markers in ticket text. */
  byTreeNode: z
    .array(z.strictObject({ tree: z.string(), version: z.string(), node: z.string(), count: z.number().int().min(0) }))
    .default([]),
});
export type Insights = z.output<typeof insightsSchema>;

/**
 * A resolved escalation as the importer normalises it from any ticket system: one schema for
 * ServiceNow, Jira Service Management, Zammad, GLPI and generic CSV/JSON exports.
 */
import { z } from 'zod';
import { TICKET_SYSTEMS } from './article.ts';

export const escalationSchema = z.strictObject({
  system: z.enum(TICKET_SYSTEMS),
  id: z.string().trim().min(1, 'the ticket has no id').max(80),
  title: z.string().trim().min(1, 'the ticket has no title').max(300),
  problem: z.string().default(''),
  /** Hints about where it happened: category path, CI, versions. */
  environment: z.array(z.string()).default([]),
  cause: z.string().default(''),
  resolution: z.string().trim().min(1, 'the ticket has no resolution text'),
  /** The ticket system's own category, e.g. `Hardware > Laptop`. */
  category: z.string().default(''),
  resolvedAt: z.date().optional(),
  /** Team the ticket was resolved by (second/third level). */
  team: z.string().default(''),
  /** `kb-tree:` marker found in the ticket text, if first level escalated from a decision tree. */
  treeMarker: z.string().optional(),
});
export type Escalation = z.output<typeof escalationSchema>;
export type EscalationInput = z.input<typeof escalationSchema>;

/** The mapping file of the generic CSV/JSON format (`--map mapping.yaml`). */
export const importMappingSchema = z.strictObject({
  columns: z.strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    resolution: z.string(),
    status: z.string().optional(),
    category: z.string().optional(),
    team: z.string().optional(),
    resolved: z.string().optional(),
    /** Columns whose values are people's names, redacted wherever they recur. */
    persons: z.array(z.string()).default([]),
  }),
  /** Status values that mean "resolved"; without a status column every record counts. */
  resolvedStatuses: z.array(z.string()).default([]),
  delimiter: z.string().length(1).optional(),
  /** Ticket system recorded in `sources` (default `other`). */
  system: z.enum(TICKET_SYSTEMS).default('other'),
  /** Ticket categories to KB category ids. */
  categories: z.record(z.string(), z.string()).default({}),
});
export type ImportMapping = z.output<typeof importMappingSchema>;

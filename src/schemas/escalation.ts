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
    /** When the ticket was opened (`kb report --tickets`: new vs known). */
    opened: z.string().optional(),
    /** Columns whose values are people's names, redacted wherever they recur. */
    persons: z.array(z.string()).default([]),
  }),
  /** Status values that mean "resolved"; without a status column every record counts. */
  resolvedStatuses: z.array(z.string()).default([]),
  /** CSV delimiter, e.g. `";"` or `"\t"`; detected from the header line when absent. */
  delimiter: z.string().length(1, 'expected one character, e.g. ";" or "\\t"').optional(),
  /** Ticket system recorded in `sources` (default `other`). */
  system: z.enum(TICKET_SYSTEMS).default('other'),
  /** Ticket categories to KB category ids. */
  categories: z.record(z.string(), z.string()).default({}),
});
export type ImportMapping = z.output<typeof importMappingSchema>;

// Importer state files in content/escalations/ (written by `kb import`, read back on the next run)

const monthSchema = z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM');

/** One ticket as remembered in `links.json` (no personal data: ids, article, category, month). */
export const ledgerEntrySchema = z.strictObject({
  article: z.string().min(1),
  outcome: z.enum(['drafted', 'linked']),
  category: z.string(),
  month: monthSchema,
  /** The ticket's resolution date (`YYYY-MM-DD`); older ledgers have only the month. */
  resolved: z.iso.date().optional(),
  known: z.boolean(),
  tree: z.string().optional(),
  score: z.number().optional(),
});
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;
/** `links.json`: `system:id` → entry. */
export const ledgerSchema = z.record(z.string().regex(/^[a-z]+:.+$/, 'expected a key "system:id"'), ledgerEntrySchema);

/**
 * `keywords.json`: search-term proposals from the short descriptions of tickets the importer
 * linked to an article, per article. A word becomes readable (`terms`, with its ticket count) only
 * once `minTickets` tickets used it; until then only a hash of it is kept (`pending`), so a word
 * from a single ticket (a name the redaction missed, a one-off) never reaches the file. `dismissed`
 * words are not proposed again.
 */
export const keywordArticleSchema = z.strictObject({
  terms: z.record(z.string().min(1).max(40), z.number().int().positive()).default({}),
  pending: z.record(z.string().regex(/^[0-9a-f]{16}$/, 'expected a 16-digit hex hash'), z.number().int().positive()).default({}),
  dismissed: z.array(z.string().min(1).max(40)).default([]),
});
export const keywordStateSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an article id'), keywordArticleSchema);
export type KeywordState = z.output<typeof keywordStateSchema>;

/** A ticket as kept in `drafts.json` (redacted text). */
export const draftTicketSchema = escalationSchema.extend({ resolvedAt: z.iso.datetime({ offset: true }).optional() });
export type DraftTicket = z.output<typeof draftTicketSchema>;
/** `drafts.json`: article id → the draft's file (relative to the content folder), digest and tickets. */
export const draftRecordSchema = z.strictObject({
  file: z.string().min(1),
  digest: z.string().regex(/^[0-9a-f]{16}$/),
  category: z.string().optional(),
  tickets: z.array(draftTicketSchema).min(1),
});
export type DraftRecord = z.output<typeof draftRecordSchema>;
export const draftsSchema = z.record(z.string().min(1), draftRecordSchema);

/**
 * Importer settings of a KB, `content/escalations/import.yaml` (optional): keywords that map
 * ticket categories and titles to KB categories, and hosts whose URLs may become links in drafts.
 */
export const importSettingsSchema = z.strictObject({
  /** KB category id → keywords (case-insensitive substrings or `/regex/`), tried in this order. */
  categoryKeywords: z
    .record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a category id'), z.array(z.string().min(2)).min(1))
    .default({}),
  /** Hosts (and their subdomains) whose URLs in ticket text become links; all other URLs stay plain text. */
  linkHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'expected a host name such as "kb.muster.example"')).default([]),
});
export type ImportSettings = z.output<typeof importSettingsSchema>;

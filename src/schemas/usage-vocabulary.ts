/**
 * The usage events' fixed vocabulary as plain constants (no zod), shared by the browser module
 * (src/islands/events.ts), the schemas (src/schemas/usage.ts) and the report.
 */

/** Where the site's own web server collects events (deploy/nginx.conf answers it with 204). */
export const EVENT_ENDPOINT = '/_kb/e';

/** Event type on the wire (`t=`): search, article feedback, decision tree, quiz. */
export const EVENT_TYPES = { search: 's', feedback: 'f', tree: 'n', quiz: 'q' } as const;
export type EventType = keyof typeof EVENT_TYPES;

/** Why an article did not help: one of these, chosen on "no". */
export const NOT_HELPFUL_REASONS = ['inaccurate', 'unclear', 'step-missing', 'outdated', 'not-my-problem', 'other'] as const;
export type NotHelpfulReason = (typeof NOT_HELPFUL_REASONS)[number];

/** How a decision-tree session ended. */
export const TREE_OUTCOMES = ['solved', 'escalated', 'abandoned'] as const;
export type TreeOutcome = (typeof TREE_OUTCOMES)[number];

/** Limits on the wire; anything longer is rejected by the report, so the browser cuts first. */
export const LIMITS = {
  /** Characters of a search query the browser sends (the rest is cut). */
  query: 200,
  /** Characters of a whole event's query string the report accepts. */
  event: 1024,
  /** Steps in a tree path. */
  pathSteps: 40,
  /** Questions in a quiz. */
  quizQuestions: 50,
} as const;

/**
 * Decision trees (`content/trees/*.yaml`): guided diagnosis that ends in a fix (an article) or in an
 * escalation carrying everything the next level needs.
 */
import { z } from 'zod';
import { idSchema, localeSchema } from './common.ts';

/** Node ids: lowercase letters, digits and dashes, e.g. `wlan-verbunden`. */
export const nodeIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase node id such as "wlan-verbunden"');

export const TREE_AUDIENCES = ['employee', 'first-level'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const COLLECT_TYPES = ['text', 'select', 'checkbox'] as const;

export const answerSchema = z.strictObject({
  label: z.string().min(1),
  next: nodeIdSchema,
});

export const questionNodeSchema = z.strictObject({
  type: z.literal('question'),
  text: z.string().min(3),
  /** Optional Markdown help shown under the question (how to check, where to look). */
  help: z.string().optional(),
  answers: z.array(answerSchema).min(2, 'a question needs at least two answers'),
});

export const solvedNodeSchema = z.strictObject({
  type: z.literal('solved'),
  text: z.string().min(3),
  /** The article with the fix. */
  article: idSchema,
  /** Where "No, that did not help" continues. */
  next: nodeIdSchema,
});

export const collectFieldSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'expected a field id such as "computername"'),
    label: z.string().min(1),
    type: z.enum(COLLECT_TYPES).default('text'),
    options: z.array(z.string().min(1)).min(2).optional(),
    required: z.boolean().default(false),
    /** Hint shown under the field, e.g. where to find the value. */
    hint: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select' && !f.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs options' });
    }
    if (f.type !== 'select' && f.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only select fields have options' });
    }
  });
export type CollectField = z.output<typeof collectFieldSchema>;

export const escalateNodeSchema = z.strictObject({
  type: z.literal('escalate'),
  /** Support level that takes over. */
  level: z.union([z.literal(2), z.literal(3)]),
  /** Team key from `teams` in kb.config.ts. */
  team: z.string().min(1),
  priority: z.enum(PRIORITIES),
  /** Why this goes to the next level, in one or two sentences. */
  reason: z.string().min(3),
  text: z.string().optional(),
  collect: z.array(collectFieldSchema).default([]),
});

export const treeNodeRefSchema = z.strictObject({
  type: z.literal('tree'),
  /** The tree whose start this hands over to. */
  tree: idSchema,
  text: z.string().optional(),
});

export const treeNodeSchema = z.discriminatedUnion('type', [questionNodeSchema, solvedNodeSchema, escalateNodeSchema, treeNodeRefSchema]);
export type TreeNode = z.output<typeof treeNodeSchema>;

export const treeSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(5).max(140),
  description: z.string().min(10).max(400),
  audience: z.enum(TREE_AUDIENCES),
  category: idSchema,
  /** Bumped on every change; part of the escalation marker `kb-tree:<id>@<version>#<node>`. */
  version: z
    .string({
      // YAML reads an unquoted 1.10 as the number 1.1: the marker would collide and a bump go backwards.
      error: (issue) =>
        typeof issue.input === 'number'
          ? `must be a quoted string such as version: "1.10"; unquoted, YAML reads it as the number ${issue.input}`
          : 'expected a quoted version string such as "1.2"',
    })
    .regex(/^\d+(?:\.\d+){0,2}$/, 'expected a version such as "1.2"'),
  owner: z.string().min(1),
  lang: localeSchema,
  start: nodeIdSchema,
  nodes: z.record(nodeIdSchema, treeNodeSchema).refine((n) => Object.keys(n).length > 0, 'a tree needs at least one node'),
});
export type Tree = z.output<typeof treeSchema>;

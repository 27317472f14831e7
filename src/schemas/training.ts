/**
 * Training modules (`content/training/**\/*.mdx`) and their sessions: what second level offers to
 * employees and first-level agents, when, where, and how to register.
 */
import { z } from 'zod';
import { audienceSchema, idSchema, localeSchema } from './common.ts';

export const SESSION_FORMATS = ['on-site', 'online', 'hybrid'] as const;
export const SESSION_STATUSES = ['planned', 'cancelled'] as const;
export const TRAINING_LEVELS = ['basic', 'advanced'] as const;

/** A local date and time without zone, e.g. `2027-02-10T09:00`; the session's time zone applies. */
const localDateTime = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 16) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'expected a local date and time such as "2027-02-10T09:00"'));

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const sessionSchema = z
  .strictObject({
    /** Stable id: part of the calendar UID, so never change it once published. */
    id: idSchema,
    start: localDateTime,
    end: localDateTime,
    timezone: z.string().refine(isTimeZone, 'expected an IANA time zone such as "Europe/Berlin"').default('Europe/Berlin'),
    format: z.enum(SESSION_FORMATS),
    room: z.string().min(1).optional(),
    link: z.url().optional(),
    trainer: z.string().min(1),
    capacity: z.number().int().positive(),
    registration: z.union([z.strictObject({ mail: z.email() }), z.strictObject({ url: z.url() })]),
    status: z.enum(SESSION_STATUSES).default('planned'),
    /** Bump when a published session changes (time, room); cancelling bumps it automatically. */
    sequence: z.number().int().min(0).default(0),
  })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after `start`' });
    if ((s.format === 'on-site' || s.format === 'hybrid') && !s.room) {
      ctx.addIssue({ code: 'custom', path: ['room'], message: `a room is required for ${s.format} sessions` });
    }
    if ((s.format === 'online' || s.format === 'hybrid') && !s.link) {
      ctx.addIssue({ code: 'custom', path: ['link'], message: `a meeting link is required for ${s.format} sessions` });
    }
  });
export type Session = z.output<typeof sessionSchema>;

export const materialSchema = z
  .strictObject({
    title: z.string().min(1),
    /** A file under public/, e.g. `/schulungen/material/phishing-checkliste.pdf`. */
    file: z
      .string()
      .regex(/^\/[^\s]+$/, 'expected a site path such as "/schulungen/material/x.pdf"')
      .optional(),
    url: z.url().optional(),
  })
  .refine((m) => Boolean(m.file) !== Boolean(m.url), 'give exactly one of `file` or `url`');

export const trainingSchema = z
  .strictObject({
    title: z.string().min(5).max(140),
    summary: z.string().min(10).max(400),
    audience: audienceSchema,
    level: z.enum(TRAINING_LEVELS),
    /** Length of one session in minutes. */
    duration: z.number().int().positive(),
    objectives: z.array(z.string().min(3)).min(1),
    prerequisites: z.array(z.string().min(3)).default([]),
    owner: z.string().min(1),
    related: z.array(idSchema).default([]),
    trees: z.array(idSchema).default([]),
    materials: z.array(materialSchema).default([]),
    lang: localeSchema,
    tags: z.array(idSchema).default([]),
    category: idSchema,
    sessions: z.array(sessionSchema).default([]),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sessions.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'id'], message: `duplicate session id "${s.id}"` });
      seen.add(s.id);
    });
  });
export type Training = z.output<typeof trainingSchema>;

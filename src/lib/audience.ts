import { AUDIENCES, type Audience } from '../schemas/vocabulary.ts';

/** Rank of an audience: employee 0, first-level 1, second-level 2. */
export function audienceRank(a: Audience): number {
  return AUDIENCES.indexOf(a);
}

/** Whether readers of `reader` level may see content whose lowest allowed level is `content`. */
export function canSee(reader: Audience, content: Audience): boolean {
  return audienceRank(content) <= audienceRank(reader);
}

/** Internal content: anything that employees may not read. */
export function isInternal(content: Audience): boolean {
  return content !== 'employee';
}

/** The audience a build is made for, from `KB_AUDIENCE` (default: second-level, which shows everything). */
export function buildAudience(env: Record<string, string | undefined> = process.env): Audience {
  const value = env.KB_AUDIENCE?.trim();
  if (!value) return 'second-level';
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new Error(`KB_AUDIENCE="${value}" is not an audience; expected one of ${AUDIENCES.join(', ')}`);
}

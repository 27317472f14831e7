/** Review state of an article relative to a reference date. */
export type ReviewState = 'overdue' | 'due-soon' | 'ok';

const DAY_MS = 86_400_000;

export function reviewState(reviewBy: Date, today: Date, soonDays = 30): ReviewState {
  const days = (reviewBy.getTime() - startOfDayUtc(today).getTime()) / DAY_MS;
  if (days < 0) return 'overdue';
  if (days <= soonDays) return 'due-soon';
  return 'ok';
}

export function startOfDayUtc(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** The date the build treats as today: `KB_TODAY` (YYYY-MM-DD) for reproducible builds and tests. */
export function buildDate(env: Record<string, string | undefined> = process.env): Date {
  const value = env.KB_TODAY?.trim();
  if (!value) return startOfDayUtc(new Date());
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`KB_TODAY="${value}" is not a date (expected YYYY-MM-DD)`);
  return d;
}

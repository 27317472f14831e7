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

export interface ReviewItem {
  id: string;
  title: string;
  file: string;
  owner: string;
  reviewBy: Date;
  state: Exclude<ReviewState, 'ok'>;
  /** Days until due (negative: overdue by that many days). */
  days: number;
}

export interface ReviewGroup {
  owner: string;
  items: ReviewItem[];
}

/**
 * Overdue and soon-due articles (archived ones excluded) grouped by owner: owners with overdue
 * work first, items by due date.
 */
export function reviewReport(
  articles: readonly { id: string; file: string; data: { title: string; owner: string; reviewBy: Date; confidence: string } }[],
  today: Date,
  soonDays = 30,
): ReviewGroup[] {
  const day = startOfDayUtc(today).getTime();
  const groups = new Map<string, ReviewItem[]>();
  for (const a of articles) {
    if (a.data.confidence === 'archived') continue;
    const state = reviewState(a.data.reviewBy, today, soonDays);
    if (state === 'ok') continue;
    const item: ReviewItem = {
      id: a.id,
      title: a.data.title,
      file: a.file,
      owner: a.data.owner,
      reviewBy: a.data.reviewBy,
      state,
      days: Math.round((a.data.reviewBy.getTime() - day) / DAY_MS),
    };
    groups.set(a.data.owner, [...(groups.get(a.data.owner) ?? []), item]);
  }
  return [...groups]
    .map(([owner, items]) => ({ owner, items: items.sort((x, y) => x.days - y.days || x.id.localeCompare(y.id)) }))
    .sort((a, b) => a.items[0]!.days - b.items[0]!.days || a.owner.localeCompare(b.owner));
}

/**
 * KCS participation from the git history of `content/articles/`: articles created and validated
 * per month, time from creation to validation, and per owner (the frontmatter `owner`, a team or
 * the person already named in the article – never a git author name or e-mail). Two `git log`
 * calls for the whole history, whatever the number of articles.
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import type { UsageReport } from '../../schemas/usage.ts';

export type KcsReport = NonNullable<UsageReport['kcs']>;

export interface KcsArticle {
  id: string;
  owner: string;
  confidence: string;
}

/** `git log` output → first date per article id (oldest entry wins; git lists newest first). */
export function oldestDates(log: string): Map<string, string> {
  const dates = new Map<string, string>();
  let date = '';
  for (const line of log.split('\n')) {
    if (line.startsWith('\u0000')) date = line.slice(1).trim();
    else if (line.endsWith('.mdx') && date) dates.set(basename(line.trim(), '.mdx'), date);
  }
  return dates;
}

/** The measures from the two histories (pure, for tests). */
export function kcsMeasures(articles: readonly KcsArticle[], created: Map<string, string>, validated: Map<string, string>): KcsReport {
  const byMonth: Record<string, { created: number; validated: number }> = {};
  const owners = new Map<string, { created: number; validated: number }>();
  const days: number[] = [];
  for (const a of articles) {
    const c = created.get(a.id);
    const v = a.confidence === 'validated' || a.confidence === 'archived' ? validated.get(a.id) : undefined;
    const o = owners.get(a.owner) ?? { created: 0, validated: 0 };
    owners.set(a.owner, o);
    if (c) {
      (byMonth[c.slice(0, 7)] ??= { created: 0, validated: 0 }).created++;
      o.created++;
    }
    if (v) {
      (byMonth[v.slice(0, 7)] ??= { created: 0, validated: 0 }).validated++;
      o.validated++;
      if (c) days.push(Math.max(0, (Date.parse(v) - Date.parse(c)) / 86_400_000));
    }
  }
  days.sort((x, y) => x - y);
  const q = (p: number) => (days.length ? Math.round(days[Math.min(days.length - 1, Math.floor(p * days.length))]! * 10) / 10 : 0);
  return {
    byMonth: Object.fromEntries(Object.entries(byMonth).sort(([x], [y]) => x.localeCompare(y))),
    timeToValidated: { count: days.length, medianDays: q(0.5), p90Days: q(0.9) },
    byOwner: [...owners].map(([owner, n]) => ({ owner, ...n })).sort((x, y) => y.created - x.created || x.owner.localeCompare(y.owner)),
  };
}

/** First commit adding, and first commit validating, each article (`git log`); undefined outside git. */
export function gitHistory(cwd: string, articlesDir: string): { created: Map<string, string>; validated: Map<string, string> } | undefined {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    git(['rev-parse', '--git-dir']);
  } catch {
    return undefined;
  }
  return {
    created: oldestDates(git(['log', '--diff-filter=A', '--name-only', '--format=%x00%aI', '--', articlesDir])),
    validated: oldestDates(git(['log', '-G^confidence: *["\']?validated', '--name-only', '--format=%x00%aI', '--', articlesDir])),
  };
}

/**
 * Jira Service Management: CSV export "all fields" (repeated Labels, Components, Comment columns;
 * comments `date;accountId;body`; wiki markup), English or German column values.
 */
import { readCsv } from '../read.ts';
import { isThanks, jiraToText } from '../text.ts';
import { joined, list, oneOf, parseDate, type Adapter, type Mapped } from './types.ts';

/** Status category values that mean done (English and German UI). */
export const JIRA_DONE = ['Done', 'Fertig', 'Erledigt'] as const;
const NOT_A_SOLUTION = [
  'Duplicate',
  "Won't Do",
  'Won’t Do',
  "Won't Fix",
  'Won’t Fix',
  'Cannot Reproduce',
  'Duplikat',
  'Wird nicht erledigt',
  'Wird nicht behoben',
  'Nicht reproduzierbar',
];

/** `03/Nov/26 2:15 PM;557058:abcd…;body`: split on the first two semicolons only. */
export function parseJiraComment(cell: string): { when: string; author: string; body: string } {
  const a = cell.indexOf(';');
  const b = a === -1 ? -1 : cell.indexOf(';', a + 1);
  if (a === -1 || b === -1) return { when: '', author: '', body: cell };
  return { when: cell.slice(0, a), author: cell.slice(a + 1, b), body: cell.slice(b + 1) };
}

export const jira: Adapter = {
  id: 'jira',
  label: 'Jira Service Management',
  resolvedValues: JIRA_DONE,
  detect: ({ header }) => !!header && header.includes('Issue key') && header.includes('Summary'),
  requiredColumns: () => ['Issue key', 'Summary', 'Status Category'],
  read: (path, o) => readCsv(path, { ...o, idColumn: 'Issue key' }),
  map(raw, ctx): Mapped {
    const f = (k: string) => joined(raw[k]);
    const id = f('Issue key');
    if (!oneOf(f('Status Category'), JIRA_DONE))
      return { kind: 'skip', id, reason: `status category "${f('Status Category') || f('Status')}" is not Done` };
    const resolution = f('Resolution').trim();
    if (oneOf(resolution, NOT_A_SOLUTION)) return { kind: 'skip', id, reason: `resolution "${resolution}" is not a solution` };
    const teamValues = [...list(raw['Components']), ...list(raw['Component/s']), ...list(raw['Labels'])];
    if (teamValues.length && !teamValues.some((t) => ctx.teamPattern.test(t))) {
      return { kind: 'skip', id, reason: `not escalated (components/labels: ${teamValues.join(', ')})` };
    }
    const comments = [...list(raw['Comment']), ...list(raw['Comment Body'])].map(parseJiraComment);
    const reporter = f('Reporter');
    // The solution is the last comment of someone other than the reporter that is not a "thanks".
    const solution = [...comments].reverse().find((c) => c.author !== reporter && !isThanks(jiraToText(c.body))) ?? comments.at(-1);
    return {
      kind: 'record',
      openedAt: parseDate(f('Created')),
      persons: [reporter, f('Assignee'), f('Creator'), ...list(raw['Watchers']), ...comments.map((c) => c.author)],
      escalation: {
        system: 'jira',
        id,
        title: f('Summary'),
        problem: jiraToText(f('Description')),
        environment: [f('Environment'), ...list(raw['Components'])].filter(Boolean),
        resolution: solution && !isThanks(jiraToText(solution.body)) ? jiraToText(solution.body) : '',
        category: list(raw['Components'])[0] ?? list(raw['Labels'])[0] ?? '',
        resolvedAt: parseDate(f('Resolved') || f('Updated')),
        team: teamValues.find((t) => ctx.teamPattern.test(t)) ?? '',
      },
    };
  },
};

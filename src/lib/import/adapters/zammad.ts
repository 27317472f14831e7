/** Zammad: a folder of saved REST responses (tickets.json, articles/<id>.json, tags/<id>.json). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readZammad } from '../read.ts';
import { htmlToText, isThanks, plainText } from '../text.ts';
import { oneOf, parseDate, str, type Adapter, type Mapped } from './types.ts';

/** States that mean closed (API names and the German UI). */
export const ZAMMAD_CLOSED = ['closed', 'pending close', 'geschlossen', 'warten auf schließen', 'merged'] as const;

interface ZammadArticle {
  body?: string;
  content_type?: string;
  sender?: string;
  internal?: boolean;
  from?: string;
  to?: string;
  cc?: string;
  created_at?: string;
}

const articleText = (a: ZammadArticle) => (/html/i.test(str(a.content_type)) ? htmlToText(str(a.body)) : plainText(str(a.body)));
/** "Jürgen Weiß via IT-Servicedesk <x@y>" → "Jürgen Weiß" (the person behind a group address). */
export const senderName = (from: string) =>
  from
    .replace(/<[^>]*>/g, '')
    .replace(/"/g, '')
    .replace(/\s+via\s+.*$/i, '')
    .trim();

export const zammad: Adapter = {
  id: 'zammad',
  label: 'Zammad',
  resolvedValues: ZAMMAD_CLOSED,
  detect: ({ path, isDirectory }) => isDirectory && existsSync(join(path, 'tickets.json')),
  requiredColumns: () => [],
  read: (path) => readZammad(path),
  map(raw, ctx): Mapped {
    const id = str(raw.number) || str(raw.id);
    const state = str(raw.state) || str((raw.state as { name?: unknown })?.name);
    if (!oneOf(state, ZAMMAD_CLOSED) || oneOf(state, ['merged'])) return { kind: 'skip', id, reason: `state "${state}" is not closed` };
    const group = str(raw.group) || str((raw.group as { name?: unknown })?.name);
    if (group && !ctx.teamPattern.test(group)) return { kind: 'skip', id, reason: `not escalated (group "${group}")` };
    const articles = (Array.isArray(raw.__articles) ? (raw.__articles as ZammadArticle[]) : [])
      .slice()
      .sort((a, b) => str(a.created_at).localeCompare(str(b.created_at)));
    const agent = articles.filter((a) => a.sender === 'Agent' && !isThanks(articleText(a)));
    // Prefer what the agent told the customer; an internal note when that is all there is.
    const solution = [...agent].reverse().find((a) => !a.internal) ?? agent.at(-1);
    const first = articles.find((a) => a.sender === 'Customer') ?? articles[0];
    const tags = Array.isArray(raw.__tags) ? (raw.__tags as unknown[]).map(str) : [];
    const people = articles.flatMap((a) =>
      [a.from, a.to, a.cc]
        .map(str)
        .flatMap((s) => s.split(','))
        .map(senderName),
    );
    return {
      kind: 'record',
      openedAt: parseDate(str(raw.created_at)),
      persons: [str(raw.customer), str(raw.owner), ...people],
      escalation: {
        system: 'zammad',
        id,
        title: plainText(str(raw.title)),
        problem: first ? articleText(first) : '',
        environment: tags,
        resolution: solution ? articleText(solution) : '',
        category: tags[0] ?? '',
        resolvedAt: parseDate(str(raw.close_at) || str(raw.updated_at)),
        team: group,
      },
    };
  },
};

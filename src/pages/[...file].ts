/**
 * The calendar files (.ics) of every locale: the routes of the route table whose view is `ics`.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarName, feedSessions, icsResponse } from '../data/calendar.ts';
import { sitePaths, type SitePath } from '../data/paths.ts';
import type { SessionView } from '../lib/training.ts';
import type { Audience } from '../schemas/index.ts';

export const getStaticPaths = (async () =>
  (await sitePaths('ics')).map((p) => ({ params: { file: p.params.path }, props: p.props }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { kind, locale, props: own } = props as SitePath['props'];
  if (kind === 'sessionIcs') {
    // One session as its own calendar file.
    const { session } = own as { session: SessionView };
    return icsResponse([session], locale, session.training.title);
  }
  // Every session of the catalogue, or of one audience, to subscribe to.
  const audience = (own as { audience?: Audience }).audience;
  return icsResponse(await feedSessions(audience), locale, calendarName(locale, audience));
};

import type { APIRoute, GetStaticPaths } from 'astro';
import { audienceFeedPaths, calendarName, feedSessions, icsResponse } from '../../../data/calendar.ts';
import type { Audience } from '../../../schemas/index.ts';

export const getStaticPaths = (() => audienceFeedPaths()) satisfies GetStaticPaths;

/** The sessions of one audience. */
export const GET: APIRoute = async ({ props }) => {
  const { audience } = props as { audience: Audience };
  return icsResponse(await feedSessions(audience), 'en', calendarName('en', audience));
};

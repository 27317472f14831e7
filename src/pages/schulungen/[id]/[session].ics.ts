import type { APIRoute, GetStaticPaths } from 'astro';
import { icsResponse, sessionPaths } from '../../../data/calendar.ts';
import type { SessionView } from '../../../lib/training.ts';

export const getStaticPaths = (() => sessionPaths('de')) satisfies GetStaticPaths;

/** One session as its own calendar file. */
export const GET: APIRoute = ({ props }) => {
  const { session } = props as { session: SessionView };
  return icsResponse([session], 'de', session.training.title);
};

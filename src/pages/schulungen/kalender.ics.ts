import type { APIRoute } from 'astro';
import { calendarName, feedSessions, icsResponse } from '../../data/calendar.ts';

/** Every session of the catalogue, to subscribe to. */
export const GET: APIRoute = async () => icsResponse(await feedSessions(), 'de', calendarName('de'));

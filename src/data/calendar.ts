/** Calendar feeds (.ics) of training sessions, rendered by src/pages/[...file].ts in every locale. */
import config from '../../kb.config.ts';
import { useTranslations } from '../i18n/index.ts';
import { buildDate } from '../lib/review.ts';
import { buildCalendar, type SessionView } from '../lib/training.ts';
import type { Audience, Locale } from '../schemas/index.ts';
import { getKb } from './kb.ts';

export function icsResponse(sessions: SessionView[], locale: Locale, name: string): Response {
  const t = useTranslations(locale);
  const body = buildCalendar(sessions, {
    name,
    host: new URL(config.site).host,
    organisation: config.organisation,
    stamp: buildDate(),
    labels: { registration: t('training.register'), trainer: t('training.trainer'), cancelled: t('training.cancelled') },
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
}

/** Sessions of the whole catalogue, or of one audience. */
export async function feedSessions(audience?: Audience) {
  const kb = await getKb();
  return kb.training.filter((m) => !audience || m.data.audience === audience).flatMap((m) => m.sessions);
}

export const calendarName = (locale: Locale, audience?: Audience) => {
  const t = useTranslations(locale);
  return `${config.organisation} – ${t('training.title')}${audience ? ` (${t(`audience.${audience}`)})` : ''}`;
};

/**
 * UI strings per locale, with `{name}` interpolation. The tables are src/i18n/<code>.ts, registered
 * in kb.config.ts (`locales`), which checks that every table has every key of the German one.
 */
import config from '../../kb.config.ts';
import type { Locale } from '../schemas/common.ts';
import type de from './de.ts';
import { fill, type SearchStrings } from '../lib/search.ts';

export type UiKey = keyof typeof de;
const strings = config.locales as Record<string, Record<UiKey, string>>;

/** The site's locales, in the order of kb.config.ts; the primary one (German, at the root) first. */
export const siteLocales = Object.keys(strings) as Locale[];

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

export function useTranslations(locale: Locale | (string & {})): Translate {
  const table = strings[locale];
  if (!table) throw new Error(`"${locale}" is not a locale of this site; kb.config.ts has: ${siteLocales.join(', ')}`);
  return (key, vars) => {
    const text = table[key];
    return vars ? fill(text, vars) : text;
  };
}

/** Labels of the escalation summary in a locale (the summary itself is built in src/lib/trees.ts). */
export function handoffLabels(t: Translate): import('../lib/trees.ts').HandoffLabels {
  return {
    heading: t('handoff.heading'),
    tree: t('handoff.tree'),
    version: t('handoff.version'),
    target: t('handoff.target'),
    level: t('handoff.level'),
    priority: t('handoff.priority'),
    priorities: { low: t('priority.low'), medium: t('priority.medium'), high: t('priority.high'), critical: t('priority.critical') },
    reason: t('handoff.reason'),
    steps: t('handoff.steps'),
    articlesTried: t('handoff.articlesTried'),
    notHelped: t('handoff.notHelped'),
    details: t('handoff.details'),
    yes: t('handoff.yes'),
    empty: t('handoff.empty'),
    subject: t('handoff.subject'),
    earlier: t('handoff.earlier', { title: '{title}' }),
    otherLanguage: { de: t('handoff.otherLanguage.de'), en: t('handoff.otherLanguage.en') },
    employeeHeading: t('handoff.employeeHeading'),
    employeeSubject: t('handoff.employeeSubject'),
    employeeSteps: t('handoff.employeeSteps'),
  };
}

/** Labels of the fields every escalation offers (see `handoffFields` in kb.config.ts). */
export function commonFieldLabels(t: Translate): Record<import('../lib/trees.ts').CommonFieldId, { label: string; hint: string }> {
  return {
    caller: { label: t('handoff.field.caller'), hint: t('handoff.field.caller.hint') },
    callback: { label: t('handoff.field.callback'), hint: t('handoff.field.callback.hint') },
    ticket: { label: t('handoff.field.ticket'), hint: t('handoff.field.ticket.hint') },
  };
}

/** Strings of the search island (page and dialog) in a locale. */
export function searchStrings(t: Translate): SearchStrings {
  return {
    countOne: t('search.count.one'),
    countMany: t('search.count.many'),
    countFor: t('search.for'),
    none: t('search.none'),
    noneFiltered: t('search.noneFiltered'),
    loading: t('search.loading'),
    unavailable: t('search.unavailable'),
    shown: t('search.shown'),
    sections: t('search.sections'),
    subset: t('search.subset'),
    suggest: t('search.suggest'),
    ticketTitle: t('search.empty.ticketTitle'),
    types: { article: t('search.type.article'), tree: t('search.type.tree'), training: t('search.type.training') },
  };
}

/** UI strings per locale, with `{name}` interpolation. */
import type { Locale } from '../schemas/common.ts';
import de from './de.ts';
import en from './en.ts';
import { fill, type SearchStrings } from '../lib/search.ts';

export type UiKey = keyof typeof de;
const strings: Record<Locale, Record<UiKey, string>> = { de, en };

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

export function useTranslations(locale: Locale): Translate {
  const table = strings[locale];
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
    no: t('handoff.no'),
    empty: t('handoff.empty'),
    subject: t('handoff.subject'),
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

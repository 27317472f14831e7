/** UI strings per locale, with `{name}` interpolation. */
import type { Locale } from '../schemas/common.ts';
import de from './de.ts';
import en from './en.ts';

export type UiKey = keyof typeof de;
const strings: Record<Locale, Record<UiKey, string>> = { de, en };

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

export function useTranslations(locale: Locale): Translate {
  const table = strings[locale];
  return (key, vars) => {
    const text = table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
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

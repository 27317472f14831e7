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

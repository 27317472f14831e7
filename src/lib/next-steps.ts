/** What to offer where a reader would otherwise be stuck: the decision trees that fit best. */
import type { Audience } from '../schemas/vocabulary.ts';

export interface TreeChoice {
  id: string;
  title: string;
  category: string;
  lang: string;
  audience: Audience;
  url: string;
}

/**
 * Trees for a dead end: the category's trees first, then trees in the page's language, then the
 * rest; in a staff build employee trees come after the agents' own. At most `max`.
 */
export function nextStepTrees(
  trees: readonly TreeChoice[],
  o: { locale: string; category?: string | undefined; audience: Audience; max: number },
): TreeChoice[] {
  const score = (t: TreeChoice) =>
    (o.category && t.category === o.category ? 4 : 0) +
    (t.lang === o.locale ? 2 : 0) +
    (o.audience === 'employee' || t.audience !== 'employee' ? 1 : 0);
  return [...trees].sort((a, b) => score(b) - score(a) || a.title.localeCompare(b.title)).slice(0, o.max);
}

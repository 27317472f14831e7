/** The drafts queue: work-in-progress articles (imported or written) waiting for a person to finish them. */
import type { Article } from '../schemas/article.ts';

export interface DraftItem {
  id: string;
  url: string;
  title: string;
  lang: Article['lang'];
  owner: string;
  category: string;
  sources: Article['sources'];
  created: Date;
  /** Whole days since `created`. */
  ageDays: number;
}

const DAY = 86_400_000;

/** Every `wip` article, oldest first (ties by title), with its age on `today`. */
export function draftQueue(articles: readonly { id: string; url: string; data: Article }[], today: Date): DraftItem[] {
  return articles
    .filter((a) => a.data.confidence === 'wip')
    .map((a) => ({
      id: a.id,
      url: a.url,
      title: a.data.title,
      lang: a.data.lang,
      owner: a.data.owner,
      category: a.data.category,
      sources: a.data.sources,
      created: a.data.created,
      ageDays: Math.max(0, Math.floor((today.getTime() - a.data.created.getTime()) / DAY)),
    }))
    .sort((x, y) => x.created.getTime() - y.created.getTime() || x.title.localeCompare(y.title));
}

/**
 * Choices the editor offers that come from the content itself, read cheaply from disk: category
 * ids from categories.yaml, article and tree ids from file names (no article is parsed).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { listFiles } from '../content-files.ts';
import type { EditorChoices } from './fields.ts';

export function contentChoices(contentRoot: string): EditorChoices {
  let categories: string[] = [];
  try {
    const raw = parseYaml(readFileSync(join(contentRoot, 'categories.yaml'), 'utf8')) as { id?: unknown }[];
    categories = raw.map((c) => String(c.id)).sort();
  } catch {
    /* a broken categories.yaml is reported by validation and the build */
  }
  const ids = (dir: string, ext: string[]) =>
    listFiles(join(contentRoot, dir), ext)
      .map((f) => basename(f).replace(/\.(mdx|ya?ml)$/, ''))
      .sort();
  return { categories, articles: ids('articles', ['.mdx']), trees: ids('trees', ['.yaml', '.yml']), tags: [] };
}

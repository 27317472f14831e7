/**
 * Astro collections over the top-level `content/` folder. The schemas come from src/schemas,
 * shared with the `kb` CLI and the tests.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import config from '../kb.config.ts';
import { categorySchema, makeArticleSchema, trainingSchema, treeSchema } from './schemas/index.ts';
import { contentDir } from './lib/content-files.ts';
import { articlesLoader } from './data/articles-loader.ts';

const root = contentDir();

/** Entry ids are file names without extension: `articles/de/vpn-fehler-809.mdx` → `vpn-fehler-809`. */
const fileStem = ({ entry }: { entry: string }) => entry.replace(/^.*\//, '').replace(/\.(mdx?|ya?ml)$/, '');

export const collections = {
  articles: defineCollection({
    loader: articlesLoader({ pattern: '**/*.mdx', base: `${root}/articles`, generateId: fileStem }),
    schema: makeArticleSchema(config.reviewIntervalDays),
  }),
  trees: defineCollection({
    loader: glob({ pattern: '*.yaml', base: `${root}/trees`, generateId: fileStem }),
    schema: treeSchema,
  }),
  training: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: `${root}/training`, generateId: fileStem }),
    schema: trainingSchema,
  }),
  categories: defineCollection({
    loader: file(`${root}/categories.yaml`),
    schema: categorySchema,
  }),
};

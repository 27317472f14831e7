import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common.ts';

/** One entry of `content/categories.yaml`. */
export const categorySchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  description: localizedTextSchema,
  /** Sort position on the home and category index pages (lower first). */
  order: z.number().int().default(100),
});
export type Category = z.infer<typeof categorySchema>;

/** The whole file: a list of categories. */
export const categoriesFileSchema = z.array(categorySchema);

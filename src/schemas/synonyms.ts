/**
 * `content/synonyms.yaml`: the search vocabulary second level maintains. Per language, a list of
 * entries, each either a group of equivalent terms (`[Kennwort, Passwort]`: a search for any of
 * them finds pages with any other) or a one-way expansion (`{ term: Platte, adds: [Festplatte] }`:
 * a search for `Platte` also finds `Festplatte`, not the other way round). Terms are matched
 * without regard to case; a term may be several words (`Laufwerk C`).
 */
import { z } from 'zod';

export const synonymTermSchema = z
  .string()
  .trim()
  .min(2, 'a term needs at least two characters')
  .max(60, 'a term has at most 60 characters')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} .:+#&/_'’-]*$/u,
    "a term is letters, digits, spaces and . : + # & / _ ' - (starting with a letter or digit)",
  );

export const synonymGroupSchema = z
  .array(synonymTermSchema)
  .min(2, 'a group needs at least two terms (an empty or one-term group finds nothing new)');

export const synonymExpansionSchema = z.strictObject({
  /** What the reader types. */
  term: synonymTermSchema,
  /** What a search for `term` also finds. */
  adds: z.array(synonymTermSchema).min(1, '`adds` needs at least one term'),
});

export const synonymEntrySchema = z.union([synonymGroupSchema, synonymExpansionSchema], {
  error: 'an entry is a list of equivalent terms `[a, b]` or a one-way expansion `{ term: a, adds: [b] }`',
});

export const synonymsFileSchema = z.strictObject({
  de: z.array(synonymEntrySchema).default([]),
  en: z.array(synonymEntrySchema).default([]),
});
export type SynonymsFile = z.output<typeof synonymsFileSchema>;

// The values other programs and people hand the archive, as zod schemas: ids, tag names,
// web addresses, dates, an item's editable details, a notes export's scope. The contract
// checks arguments with these, and the core's services take the types inferred from them,
// so each shape is written once.

import { z } from 'zod';
import { ID_PATTERN, MAX_TAG_LENGTH } from './model';

export const ItemId = z.string().regex(ID_PATTERN, 'an item id is 16 hexadecimal digits');
/** Notes, highlights and relations have ids of the same form. */
export const RecordId = ItemId;
export const TagName = z.string().trim().min(1, 'a tag cannot be empty').max(MAX_TAG_LENGTH);
export const ShortText = z.string().max(2_000);
export const IsoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'a date is written YYYY-MM-DD');
export const HttpUrl = z
  .string()
  .max(8_000)
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'only http and https addresses');

/** The details of an item a person may edit; a field left out is left as it is. */
export const ItemPatch = z
  .object({
    title: ShortText.optional(),
    byline: ShortText.nullable().optional(),
    source: ShortText.nullable().optional(),
    url: HttpUrl.nullable().optional(),
    published: IsoDate.nullable().optional(),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}$/)
      .optional(),
  })
  .strict();
export type ItemPatch = z.infer<typeof ItemPatch>;

/** What a notes export covers: one item, a tag, a search's results, or everything. */
export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), id: ItemId }).strict(),
  z.object({ kind: z.literal('tag'), tag: TagName }).strict(),
  z.object({ kind: z.literal('query'), q: z.string().max(2_000) }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);
export type ExportScope = z.infer<typeof ExportScope>;

// Argument schemas for every contract method. Everything that crosses a process boundary
// is checked here, once, before any handler runs; objects are strict, so an unexpected
// key is an error rather than silently ignored.

import { z } from 'zod';
import { ITEM_KINDS } from '../core/model';
import { HttpUrl, TagName } from '../core/fields';
import { NOTES_FORMATS } from '../interop/export-types';

export { HttpUrl, ItemId, ItemPatch, RecordId, TagName, ExportScope } from '../core/fields';
export { MAX_QUERY_CHARS, SearchRequest } from '../search/request';

export const Empty = z.object({}).strict();

export const ListRequest = z
  .object({
    sort: z.enum(['added', 'published', 'title']).optional(),
    kind: z.enum(ITEM_KINDS).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    /** Only items whose id starts so (the CLI's shortened ids). */
    idPrefix: z
      .string()
      .regex(/^[0-9a-f]{1,16}$/, 'an id prefix is hexadecimal digits')
      .optional(),
  })
  .strict();

/** A file handed over by a sandboxed renderer: its name and its bytes in base64. */
export const UploadedFile = z
  .object({
    name: z.string().min(1).max(255),
    data: z.string().max(70_000_000),
  })
  .strict();
export type UploadedFile = z.infer<typeof UploadedFile>;

export const ExportFormat = z.enum(NOTES_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The largest page a browser may send (its HTML with the images it loaded inlined). */
export const MAX_PAGE_CHARS = 40_000_000;

/** A page saved from the browser extension: the rendered DOM as HTML, and what the reader chose. */
export const PageCapture = z
  .object({
    url: HttpUrl,
    title: z.string().max(2_000),
    html: z.string().max(MAX_PAGE_CHARS).optional(),
    selection: z.string().max(20_000).optional(),
    tags: z.array(TagName).max(100).optional(),
    bookmarkOnly: z.boolean().optional(),
  })
  .strict()
  .refine(
    (p) => p.bookmarkOnly || (p.html !== undefined && p.html.length > 0),
    'a page needs its html unless it is saved as a bookmark',
  );

/** Where an archive syncs to, as a person names it (checked further by the sync service). */
export const SyncTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), folder: z.string().trim().min(1, 'choose a folder').max(4_096) }).strict(),
  z.object({ kind: z.literal('webdav'), url: HttpUrl, user: z.string().max(200).optional() }).strict(),
]);

/** Secrets a caller may hand over for a round or a setting; never stored in the archive. */
export const SyncSecrets = {
  passphrase: z.string().min(1).max(1_000).optional(),
  user: z.string().max(200).optional(),
  password: z.string().max(1_000).optional(),
};

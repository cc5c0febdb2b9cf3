// What a search asks for, as the schema the contract checks and the type the engine takes:
// the typed query (lunr syntax plus filters), an order, a page, and the sidebar's tags.

import { z } from 'zod';
import { TagName } from '../core/fields';

import { MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS, SEARCH_SORTS, type SearchSort } from './request-bounds';

export { MAX_QUERY_CHARS, SEARCH_SORTS, type SearchSort };

export const SearchRequest = z
  .object({
    /** What the user typed: lunr syntax plus filters (`tag:`, `source:`, `kind:`, `before:`, ...). */
    q: z.string().max(MAX_QUERY_CHARS),
    sort: z.enum(SEARCH_SORTS).optional(),
    offset: z.number().int().min(0).max(MAX_OFFSET).optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
    /** Tags chosen in the sidebar; combined with AND, like `tag:` filters. */
    tags: z.array(TagName).max(50).optional(),
  })
  .strict();
export type SearchRequest = z.infer<typeof SearchRequest>;

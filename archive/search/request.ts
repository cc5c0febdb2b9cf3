// What a search asks for, as the schema the contract checks and the type the engine takes:
// the typed query (lunr syntax plus filters), an order, a page, and the sidebar's tags.

import { z } from 'zod';
import { TagName } from '../core/fields';

/** The orders a search can ask for (also as `sort:` in the query). */
export const SEARCH_SORTS = ['relevance', 'newest', 'oldest', 'title', 'added'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A pasted article is a fair query: the engine searches its first words and says so. */
export const MAX_QUERY_CHARS = 200_000;

export const SearchRequest = z
  .object({
    /** What the user typed: lunr syntax plus filters (`tag:`, `source:`, `kind:`, `before:`, ...). */
    q: z.string().max(MAX_QUERY_CHARS),
    sort: z.enum(SEARCH_SORTS).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    /** Tags chosen in the sidebar; combined with AND, like `tag:` filters. */
    tags: z.array(TagName).max(50).optional(),
  })
  .strict();
export type SearchRequest = z.infer<typeof SearchRequest>;

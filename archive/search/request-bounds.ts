// What a search request may hold, as the request schema (request.ts) and the query's `sort:`
// filter both read it, and a plain check of the common request the CLI makes. No imports,
// so a search answered from the index catalog loads neither zod nor the schemas.

/** The orders a search can ask for (also as `sort:` in the query). */
export const SEARCH_SORTS = ['relevance', 'newest', 'oldest', 'title', 'added'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A pasted article is a fair query: the engine searches its first words and says so. */
export const MAX_QUERY_CHARS = 200_000;
export const MAX_OFFSET = 1_000_000;
export const MAX_LIMIT = 500;

const KEYS = new Set(['q', 'sort', 'offset', 'limit']);

const intWithin = (v: unknown, min: number, max: number) =>
  v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max);

/**
 * Whether `value` is a request the schema certainly accepts as it is: a query, an order, a
 * page and no tags. Anything else (tags, or a value the schema would refuse) is left to the
 * schema, which says what is wrong with it.
 */
export function isPlainSearchRequest(
  value: unknown,
): value is { q: string; sort?: SearchSort; offset?: number; limit?: number } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  return (
    Object.keys(r).every((k) => KEYS.has(k)) &&
    typeof r.q === 'string' &&
    r.q.length <= MAX_QUERY_CHARS &&
    (r.sort === undefined || (SEARCH_SORTS as readonly unknown[]).includes(r.sort)) &&
    intWithin(r.offset, 0, MAX_OFFSET) &&
    intWithin(r.limit, 1, MAX_LIMIT)
  );
}

// The kinds of item an archive keeps. No imports: the search engine and the index catalog
// read them without loading the schemas (and zod) that model.ts builds on them.

export const ITEM_KINDS = ['article', 'note', 'bookmark', 'document'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

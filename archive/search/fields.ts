// The indexed fields, their order in every segment, and how much a match in each counts.
// Changing this list changes the on-disk format: bump FORMAT_VERSION in manifest.ts.

export const FIELDS = ['title', 'body', 'tags', 'source', 'byline', 'notes'] as const;
export type FieldName = (typeof FIELDS)[number];
export const F = FIELDS.length;

export const FIELD_INDEX: Record<FieldName, number> = {
  title: 0,
  body: 1,
  tags: 2,
  source: 3,
  byline: 4,
  notes: 5,
};

/** A title word says more about an article than a body word; tags are chosen by the reader. */
export const FIELD_BOOST: readonly number[] = [3, 1, 2, 1, 1, 1.5];

/** Fields a phrase can match in, in the order their word positions are numbered. */
export const STREAM_FIELDS: readonly number[] = [0, 1, 5];

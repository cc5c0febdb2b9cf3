// Reads Omnivore's JSON export (metadata_*.json: title, author, description, url, state,
// labels, savedAt, publishedAt, and highlights when present). Omnivore keeps content in
// separate files, so entries are bookmarks; "Archived" marks them read.

import { makeDraft, splitTags, str } from './draft';
import { isRecord } from './json-source';
import { jsonListImporter } from './json-list-importer';
import { normaliseDate } from './timestamps';
import type { ImportDraft } from './types';

/** A percentage (0–100) as a fraction; 0 for anything else. */
function percent(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n / 100)) : 0;
}

function highlights(value: unknown): ImportDraft['highlights'] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((h) => {
    const quote = str(h.quote);
    return quote === null
      ? []
      : [{ quote, comment: str(h.annotation) ?? str(h.note), created: normaliseDate(h.createdAt) }];
  });
}

export const omnivoreJsonImporter = jsonListImporter({
  format: 'omnivore-json',
  app: 'Omnivore',
  recognise: (e) => 'slug' in e && 'savedAt' in e && 'url' in e,
  urlKey: 'url',
  titleKey: 'title',
  toDraft: (e, url) => {
    const added = normaliseDate(e.savedAt);
    return makeDraft({
      url,
      title: e.title as string,
      byline: e.author as string,
      excerpt: e.description as string,
      published: normaliseDate(e.publishedAt),
      tags: splitTags(e.labels ?? []),
      added,
      readAt: e.state === 'Archived' ? (normaliseDate(e.updatedAt) ?? added) : null,
      archivedAt: e.state === 'Archived' ? (normaliseDate(e.archivedAt) ?? normaliseDate(e.updatedAt) ?? added) : null,
      // Omnivore keeps progress in percent (readingProgressPercent, or readingProgress in some exports).
      progress: percent(e.readingProgressPercent ?? e.readingProgress),
      highlights: highlights(e.highlights),
    });
  },
});

// Highlights: a passage of an item's plain text, located by [start, end) offsets and kept
// with its quote, so that it can be drawn in the reader and exported in text order.

import type { Archive } from './archive';
import type { Highlight } from './model';
import { newId } from './ids';
import { invalid, notFound } from './errors';

export interface HighlightInput {
  itemId: string;
  quote: string;
  start: number;
  end: number;
  comment?: string | null;
  color?: string | null;
}

function findHighlight(archive: Archive, id: string): Highlight {
  const highlight = archive.data.highlights.find((h) => h.id === id);
  if (!highlight) throw notFound('highlight', id);
  return highlight;
}

export async function createHighlight(archive: Archive, input: HighlightInput): Promise<Highlight> {
  const item = archive.item(input.itemId);
  if (!input.quote.trim()) throw invalid('A highlight needs some text.');
  if (!(input.start >= 0 && input.end > input.start)) throw invalid('A highlight needs a start before its end.');
  // The offsets must point at the quote in the item's text; if the text moved, find the quote again.
  const text = (await archive.store.readContent(item.id, 'txt')) ?? '';
  let { start, end } = input;
  if (text.slice(start, end) !== input.quote) {
    const found = text.indexOf(input.quote);
    if (found < 0) throw invalid('That passage is not in the item’s text.');
    start = found;
    end = found + input.quote.length;
  }
  const now = archive.now();
  const highlight: Highlight = {
    id: newId(),
    itemId: item.id,
    quote: input.quote,
    start,
    end,
    comment: input.comment?.trim() || null,
    color: input.color ?? null,
    created: now,
    updated: now,
  };
  archive.data.highlights.push(highlight);
  archive.record('highlights', highlight);
  archive.commit(item);
  return highlight;
}

export function updateHighlight(
  archive: Archive,
  id: string,
  patch: { comment?: string | null; color?: string | null },
): Highlight {
  const highlight = findHighlight(archive, id);
  if (patch.comment !== undefined) highlight.comment = patch.comment?.trim() || null;
  if (patch.color !== undefined) highlight.color = patch.color;
  highlight.updated = archive.now();
  archive.record('highlights', highlight);
  archive.commit(archive.item(highlight.itemId));
  return highlight;
}

export function deleteHighlight(archive: Archive, id: string): void {
  const highlight = findHighlight(archive, id);
  archive.data.highlights = archive.data.highlights.filter((h) => h !== highlight);
  archive.unrecord('highlights', highlight.id);
  archive.commit(archive.item(highlight.itemId));
}

// Reads Omnivore's JSON export (metadata_*.json: title, author, description, url, state,
// labels, savedAt, publishedAt, and highlights when present). Omnivore keeps content in
// separate files, so entries are bookmarks; "Archived" marks them read.

import { collect, entryLabel, makeDraft, splitTags, str, webUrl } from './draft';
import { isRecord, readJson } from './json-source';
import { normaliseDate } from './timestamps';
import type { ImportDraft, Importer, ParsedFile, SourceFile } from './types';

type Entry = Record<string, unknown>;

const isOmnivore = (v: unknown): v is Entry[] =>
  Array.isArray(v) && v.length > 0 && v.every(isRecord) && v.some((e) => 'slug' in e && 'savedAt' in e && 'url' in e);

function highlights(value: unknown): ImportDraft['highlights'] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((h) => {
    const quote = str(h.quote);
    return quote === null ? [] : [{ quote, comment: str(h.annotation) ?? str(h.note), created: normaliseDate(h.createdAt) }];
  });
}

export const omnivoreJsonImporter: Importer = {
  format: 'omnivore-json',
  accepts: (file: SourceFile) => isOmnivore(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const list = readJson(file);
    if (!isOmnivore(list)) throw new Error(`${file.name} is not an Omnivore export`);
    return collect(
      list,
      (e, i) => entryLabel(e.title, e.url, i),
      (e) => {
        const url = webUrl(e.url);
        if (url === null) return { skip: e.url ? `not a web address: ${String(e.url).slice(0, 80)}` : 'no address' };
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
          highlights: highlights(e.highlights),
        });
      },
    );
  },
};

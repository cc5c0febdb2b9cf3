// Reads Pinboard's JSON export (href, description = title, extended = notes, time, tags
// separated by spaces, toread). "extended" becomes the excerpt; everything is a bookmark.

import { collect, entryLabel, makeDraft, splitTags, webUrl } from './draft';
import { isRecord, readJson } from './json-source';
import { normaliseDate } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

const isPinboard = (v: unknown): v is Array<Record<string, unknown>> =>
  Array.isArray(v) && v.length > 0 && v.every(isRecord) && v.some((e) => 'href' in e && ('extended' in e || 'toread' in e || 'shared' in e));

export const pinboardJsonImporter: Importer = {
  format: 'pinboard-json',
  accepts: (file: SourceFile) => isPinboard(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const entries = readJson(file);
    if (!isPinboard(entries)) throw new Error(`${file.name} is not a Pinboard export`);
    return collect(
      entries,
      (e, i) => entryLabel(e.description, e.href, i),
      (e) => {
        const url = webUrl(e.href);
        if (url === null) return { skip: `not a web address: ${String(e.href ?? '')}` };
        return makeDraft({ url, title: e.description as string, excerpt: e.extended as string, tags: splitTags(e.tags ?? '', /\s+/), added: normaliseDate(e.time) });
      },
    );
  },
};

// Reads Delicious's JSON export (title, url, tags array, description, created in epoch
// seconds). Entries are bookmarks; the description becomes the excerpt.

import { collect, entryLabel, makeDraft, splitTags, webUrl } from './draft';
import { isRecord, readJson } from './json-source';
import { fromEpoch } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

type Entry = Record<string, unknown>;

const isDelicious = (v: unknown): v is Entry[] =>
  Array.isArray(v) && v.length > 0 && v.every(isRecord) && v.some((e) => 'url' in e && 'created' in e && Array.isArray(e.tags) && ('owner' in e || 'others' in e));

export const deliciousJsonImporter: Importer = {
  format: 'delicious-json',
  accepts: (file: SourceFile) => isDelicious(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const list = readJson(file);
    if (!isDelicious(list)) throw new Error(`${file.name} is not a Delicious export`);
    return collect(
      list,
      (e, i) => entryLabel(e.title, e.url, i),
      (e) => {
        const url = webUrl(e.url);
        if (url === null) return { skip: e.url ? `not a web address: ${String(e.url).slice(0, 80)}` : 'no address' };
        return makeDraft({ url, title: e.title as string, excerpt: e.description as string, tags: splitTags(e.tags), added: fromEpoch(e.created as string) });
      },
    );
  },
};

// Reads elCurator's JSON export (created_at "YYYY-MM-DD hh:mm:ss UTC", title, url,
// description, tags array). Entries are bookmarks; the description becomes the excerpt.

import { collect, entryLabel, makeDraft, splitTags, webUrl } from './draft';
import { isRecord, readJson } from './json-source';
import { normaliseDate } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

type Entry = Record<string, unknown>;

const isElcurator = (v: unknown): v is Entry[] =>
  Array.isArray(v) && v.length > 0 && v.every(isRecord) && v.some((e) => 'url' in e && 'created_at' in e && 'is_saved' in e);

export const elcuratorJsonImporter: Importer = {
  format: 'elcurator-json',
  accepts: (file: SourceFile) => isElcurator(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const list = readJson(file);
    if (!isElcurator(list)) throw new Error(`${file.name} is not an elCurator export`);
    return collect(
      list,
      (e, i) => entryLabel(e.title, e.url, i),
      (e) => {
        const url = webUrl(e.url);
        if (url === null) return { skip: e.url ? `not a web address: ${String(e.url).slice(0, 80)}` : 'no address' };
        return makeDraft({ url, title: e.title as string, excerpt: e.description as string, tags: splitTags(e.tags), added: normaliseDate(e.created_at) });
      },
    );
  },
};

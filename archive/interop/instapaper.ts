// Reads Instapaper's CSV export (URL, Title, Selection, Folder, and in newer exports
// Timestamp and Tags). "Archive" means archived (and read), "Starred" favourite, any other
// folder but "Unread" becomes a tag; the Selection (text chosen when saving) is the excerpt.

import { collect, entryLabel, makeDraft, splitTags, str, withWebAddress } from './draft';
import { parseCsvRecords } from './csv';
import { extension, readText } from './json-source';
import { fromEpoch } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

export const instapaperCsvImporter: Importer = {
  format: 'instapaper-csv',
  accepts(file: SourceFile): boolean {
    if (extension(file.name) !== 'csv') return false;
    const header = readText(file).split(/\r?\n/, 1)[0].toLowerCase();
    return /(^|,)url(,|$)/.test(header) && header.includes('folder') && header.includes('selection');
  },
  parse(file: SourceFile): ParsedFile {
    const { records } = parseCsvRecords(readText(file));
    return collect(
      records,
      (r, i) => entryLabel(r.title, r.url, i),
      (r) =>
        withWebAddress(r.url, (url) => {
          const folder = str(r.folder);
          const added = fromEpoch(r.timestamp);
          // Unread, Archive and Starred are Instapaper's own folders (inbox, archive, favourite); others are the reader's.
          const folderTags = folder === null || /^(unread|archive|starred)$/i.test(folder) ? [] : [folder];
          const archived = /^archive$/i.test(folder ?? '');
          // Newer exports write Tags as a JSON array: ["a","b"].
          let tags: string[] = [];
          const rawTags = str(r.tags);
          if (rawTags !== null) {
            try {
              tags = splitTags(JSON.parse(rawTags) as unknown);
            } catch {
              tags = splitTags(rawTags);
            }
          }
          return makeDraft({
            url,
            title: r.title,
            excerpt: r.selection,
            tags: [...folderTags, ...tags],
            added,
            readAt: archived ? added : null,
            archivedAt: archived ? added : null,
            favourite: /^starred$/i.test(folder ?? ''),
          });
        }),
    );
  },
};

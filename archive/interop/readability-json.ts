// Reads the export of the defunct Readability service ({ bookmarks: [...] } with
// article__title, article__url, article__excerpt, date_added, archive, date_archived).
// Entries are bookmarks; excerpts lose their HTML entities; "archive" marks them read.

import { collect, entryLabel, makeDraft, realTitle, webUrl } from './draft';
import { htmlToText } from './html-text';
import { isRecord, readJson } from './json-source';
import { normaliseDate } from './timestamps';
import type { Importer, ParsedFile, SourceFile } from './types';

type Entry = Record<string, unknown>;

const bookmarksOf = (v: unknown): Entry[] | null =>
  isRecord(v) &&
  Array.isArray(v.bookmarks) &&
  v.bookmarks.every(isRecord) &&
  v.bookmarks.some((b) => 'article__url' in b)
    ? (v.bookmarks as Entry[])
    : null;

const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

export const readabilityJsonImporter: Importer = {
  format: 'readability-json',
  accepts: (file: SourceFile) => bookmarksOf(readJson(file)) !== null,
  parse(file: SourceFile): ParsedFile {
    const list = bookmarksOf(readJson(file));
    if (list === null) throw new Error(`${file.name} is not a Readability export`);
    return collect(
      list,
      (e, i) => entryLabel(realTitle(e.article__title), e.article__url, i),
      (e) => {
        const url = webUrl(e.article__url);
        if (url === null) return { skip: 'no web address' };
        const added = normaliseDate(e.date_added);
        const excerpt = typeof e.article__excerpt === 'string' ? htmlToText(e.article__excerpt) : null;
        return makeDraft({
          url,
          title: realTitle(e.article__title),
          excerpt,
          favourite: flag(e.favorite),
          added,
          readAt: flag(e.archive) ? (normaliseDate(e.date_archived) ?? added) : null,
          archivedAt: flag(e.archive) ? (normaliseDate(e.date_archived) ?? added) : null,
        });
      },
    );
  },
};

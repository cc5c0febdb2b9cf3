// Reads wallabag's JSON exports, v1 (is_read, is_fav, comma-separated tags) and v2
// (is_archived, is_starred, tag arrays, dates, language, annotations). Content becomes
// sanitised HTML plus plain text (links made absolute against the entry's URL);
// annotations become highlights with their comments; an entry without content a bookmark.

import { collect, entryLabel, makeDraft, realTitle, splitTags, str, withWebAddress } from './draft';
import { sanitiseHtml } from './html-text';
import { isRecord, readJson } from './json-source';
import { normaliseDate } from './timestamps';
import type { ImportDraft, Importer, ParsedFile, SourceFile } from './types';

type Entry = Record<string, unknown>;

/** wallabag stores these in place of content when it could not fetch the page. */
const NO_CONTENT = [
  /^oh,? what a shame,? no content\.?$/i,
  /^\[unable to retrieve full-text content\]$/i,
  /^wallabag can't retrieve contents for this article/i,
];

const flag = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

const entries = (v: unknown): Entry[] | null => (Array.isArray(v) && v.length > 0 && v.every(isRecord) ? v : null);

function isV2(v: unknown): v is Entry[] {
  const list = entries(v);
  return list !== null && list.some((e) => 'url' in e && ('is_archived' in e || 'is_starred' in e));
}

function isV1(v: unknown): v is Entry[] {
  const list = entries(v);
  return list !== null && list.some((e) => 'url' in e && 'is_read' in e && 'is_fav' in e);
}

function body(content: unknown, url: string): Pick<ImportDraft, 'html' | 'text'> {
  const raw = str(content);
  if (raw === null || NO_CONTENT.some((re) => re.test(raw))) return { html: null, text: '' };
  const clean = sanitiseHtml(raw, { baseUrl: url });
  return clean.text === '' ? { html: null, text: '' } : clean;
}

function annotations(value: unknown): ImportDraft['highlights'] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((a) => {
    const quote = str(a.quote);
    return quote === null ? [] : [{ quote, comment: str(a.text), created: normaliseDate(a.created_at) }];
  });
}

function parse(list: Entry[], version: 1 | 2): ParsedFile {
  // A read entry without any date (v1 often has none) is still read: as of this import.
  const now = new Date().toISOString();
  return collect(
    list,
    (e, i) => entryLabel(realTitle(e.title), e.url, i),
    (e) =>
      withWebAddress(e.url, (url) => {
        const read = flag(version === 1 ? e.is_read : e.is_archived);
        const starred = flag(version === 1 ? e.is_fav : e.is_starred);
        const added = normaliseDate(e.created_at);
        const content = body(e.content, url);
        const authors = Array.isArray(e.published_by)
          ? e.published_by.map(str).filter((a): a is string => a !== null)
          : [];
        return makeDraft({
          ...content,
          kind: content.html === null ? 'bookmark' : 'article',
          url,
          title: realTitle(e.title),
          byline: authors.length > 0 ? authors.join(', ') : null,
          source: str(e.domain_name)?.replace(/^www\./, '') ?? null,
          published: normaliseDate(e.published_at),
          language: e.language,
          tags: splitTags(e.tags ?? '', ','),
          added,
          // wallabag keeps no read time; the last update is the closest it gives. Its
          // archive is Dossier's (v1's is_read meant the same), and starred is favourite.
          readAt: read ? (normaliseDate(e.updated_at) ?? added ?? now) : null,
          archivedAt: read ? (normaliseDate(e.archived_at) ?? normaliseDate(e.updated_at) ?? added ?? now) : null,
          favourite: starred,
          highlights: annotations(e.annotations),
        });
      }),
  );
}

export const wallabagV2Importer: Importer = {
  format: 'wallabag-v2-json',
  accepts: (file: SourceFile) => isV2(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const list = readJson(file);
    if (!isV2(list)) throw new Error(`${file.name} is not a wallabag v2 export`);
    return parse(list, 2);
  },
};

export const wallabagV1Importer: Importer = {
  format: 'wallabag-v1-json',
  accepts: (file: SourceFile) => isV1(readJson(file)),
  parse(file: SourceFile): ParsedFile {
    const list = readJson(file);
    if (!isV1(list)) throw new Error(`${file.name} is not a wallabag v1 export`);
    return parse(list, 1);
  },
};

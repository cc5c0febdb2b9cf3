// The shapes importers produce and exporters consume. Importers are pure: bytes in,
// drafts out; the core decides what becomes an item (duplicates, atomic commits).

import type { Highlight, Item, Note } from '../core/model';

/** A value the other app may not have given: the archive fills it in (now, 'en', ...). */
type Known<T> = { [K in keyof T]: T[K] | null };

/**
 * One item as an importer read it, before the archive has given it an id: the Item's own
 * fields (the archive computes the rest: id, word count, text hash, updated), with `added`,
 * `language` and `excerpt` possibly unknown, plus the body and what hangs on the item.
 */
export interface ImportDraft
  extends
    Pick<Item, 'kind' | 'title' | 'byline' | 'source' | 'url' | 'published' | 'tags' | 'readAt'>,
    Known<Pick<Item, 'language' | 'excerpt' | 'added'>>,
    /** Inbox state and reading progress, where the other app kept them. */
    Partial<Pick<Item, 'archivedAt' | 'favourite' | 'progress'>> {
  /** Sanitised article HTML, or null when there is only text (or nothing: a bookmark). */
  html: string | null;
  /** Plain text of the body; '' for a bookmark without content. */
  text: string;
  highlights: Array<Pick<Highlight, 'quote' | 'comment'> & Known<Pick<Highlight, 'created'>>>;
  /** Images the HTML names by data-dossier-asset, to be stored with the item. */
  images?: Array<{ name: string; bytes: Uint8Array; from: string }>;
  notes: Array<Pick<Note, 'text'> & Known<Pick<Note, 'created'>>>;
}

/** A file handed to an importer: its name (for the extension) and raw bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

export interface ParsedFile {
  drafts: ImportDraft[];
  /** Entries inside the file that could not be read, each with a reason for a person. */
  skipped: Array<{ entry: string; reason: string }>;
}

export interface Importer {
  /** e.g. 'web-page', 'pocket-csv', 'wallabag-json'. */
  format: string;
  /** True when this importer recognises the file (by name and a look at the bytes). */
  accepts(file: SourceFile): boolean;
  /** Throws an Error whose message says, in one line, why the whole file cannot be read. */
  parse(file: SourceFile): Promise<ParsedFile> | ParsedFile;
}

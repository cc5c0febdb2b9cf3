// The shapes importers produce and exporters consume. Importers are pure: bytes in,
// drafts out; the core decides what becomes an item (duplicates, atomic commits).

import type { ItemKind } from '../core/model';

/** One item as an importer read it, before the archive has given it an id. */
export interface ImportDraft {
  kind: ItemKind;
  title: string;
  byline: string | null;
  source: string | null;
  url: string | null;
  published: string | null;
  language: string | null;
  excerpt: string | null;
  /** Sanitised article HTML, or null when there is only text (or nothing: a bookmark). */
  html: string | null;
  /** Plain text of the body; '' for a bookmark without content. */
  text: string;
  tags: string[];
  /** When the other app saved it, if it says. */
  added: string | null;
  readAt: string | null;
  /** When the other app archived it (out of the inbox), if it did. */
  archivedAt?: string | null;
  favourite?: boolean;
  /** Reading progress from 0 to 1, where the app kept it. */
  progress?: number;
  highlights: Array<{ quote: string; comment: string | null; created: string | null }>;
  /** Images the HTML names by data-dossier-asset, to be stored with the item. */
  images?: Array<{ name: string; bytes: Uint8Array; from: string }>;
  notes: Array<{ text: string; created: string | null }>;
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

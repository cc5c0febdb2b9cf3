// The archive's data model: what dossier.json holds (metadata only; bodies live in
// content/). Every shape here is plain JSON so that the store can write it as-is and the
// contract can send it across a process boundary unchanged.

export const ITEM_KINDS = ['article', 'note', 'bookmark', 'document'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One kept thing: an article, a note of the reader's own, a bookmark, a document. */
export interface Item {
  id: string;
  kind: ItemKind;
  title: string;
  byline: string | null;
  /** The publisher ("MENAFN", "BBC News"). */
  source: string | null;
  url: string | null;
  /** ISO 8601 date or date-time, as precise as the source gave it. */
  published: string | null;
  /** ISO 8601 date-times. */
  added: string;
  updated: string;
  /** BCP 47 primary tag ("en", "fr"). */
  language: string;
  excerpt: string;
  wordCount: number;
  /** Display spellings of the item's tags, each unique without regard to case. */
  tags: string[];
  /** When the reader first opened it; null while unread. */
  readAt: string | null;
  /** Which body files exist in content/ for this item. */
  content: { html: boolean; text: boolean };
  /** A hash of the plain text, to recognise the same text imported twice. */
  textHash: string | null;
}

/** A tag's registry entry: the first spelling is kept for display. */
export interface Tag {
  name: string;
  color: string | null;
  created: string;
}

/** A symmetric link between two items; `a` < `b` so that each pair is stored once. */
export interface Relation {
  id: string;
  a: string;
  b: string;
  label: string | null;
  created: string;
}

/** A Markdown note attached to an item. */
export interface Note {
  id: string;
  itemId: string;
  text: string;
  created: string;
  updated: string;
}

/** A quoted passage of an item's plain text, located by character offsets into it. */
export interface Highlight {
  id: string;
  itemId: string;
  quote: string;
  start: number;
  end: number;
  comment: string | null;
  color: string | null;
  created: string;
  updated: string;
}

/** An item with everything attached to it, as the reader shows it. */
export interface ItemView extends Item {
  notes: Note[];
  highlights: Highlight[];
  related: RelatedItem[];
}

/** The other end of one of an item's relations. */
export interface RelatedItem {
  id: string;
  title: string;
  kind: ItemKind;
  label: string | null;
  relationId: string;
}

export interface Settings {
  [key: string]: unknown;
}

export const ARCHIVE_VERSION = 1;

/** The whole of dossier.json. */
export interface ArchiveData {
  version: number;
  items: Item[];
  tags: Tag[];
  notes: Note[];
  highlights: Highlight[];
  relations: Relation[];
  settings: Settings;
}

export function emptyArchiveData(): ArchiveData {
  return { version: ARCHIVE_VERSION, items: [], tags: [], notes: [], highlights: [], relations: [], settings: {} };
}

// The archive's data model: what dossier.json holds (metadata only; bodies live in
// content/). Each shape is a zod schema and its type is derived from it, so the one
// definition both types the code and validates everything read back from disk.

import { z } from 'zod';

import { ITEM_KINDS, type ItemKind } from './item-kinds';

export { ITEM_KINDS, type ItemKind };

import { COLOR_PATTERN, MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_TAG_LENGTH } from './limits';

export { COLOR_PATTERN, MAX_LABEL_LENGTH, MAX_NOTE_LENGTH, MAX_TAG_LENGTH };
/** A stored image's file name in content/<id>/: its content hash and the extension its bytes say. */
export const ASSET_NAME = /^[0-9a-f]{32}\.(png|jpg|gif|webp|avif|svg)$/;
/** Ids of items, notes, highlights and relations: 16 lower-case hex digits, safe as file names. */
export const ID_PATTERN = /^[0-9a-f]{16}$/;

export const Id = z.string().regex(ID_PATTERN, 'an id is 16 hexadecimal digits');
const Stamp = z.string().min(1).max(100);
/** Generous bounds: they keep a hostile file from holding a gigabyte in one field, nothing more. */
const Line = z.string().max(100_000);
const Text = z.string().max(50_000_000);
const Color = z.string().regex(COLOR_PATTERN, 'a colour is written #rrggbb').nullable();

/** One kept thing: an article, a note of the reader's own, a bookmark, a document. */
export const Item = z.object({
  id: Id,
  kind: z.enum(ITEM_KINDS),
  title: Line,
  byline: Line.nullable(),
  /** The publisher ("MENAFN", "BBC News"). */
  source: Line.nullable(),
  url: Line.nullable(),
  /** ISO 8601 date or date-time, as precise as the source gave it. */
  published: Stamp.nullable(),
  /** ISO 8601 date-times. */
  added: Stamp,
  updated: Stamp,
  /** BCP 47 primary tag ("en", "fr"). */
  language: z.string().max(35),
  excerpt: Text,
  wordCount: z.number().int().min(0),
  /** Display spellings of the item's tags, each unique without regard to case. */
  tags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(10_000),
  /** When the reader first opened it; null while unread. */
  readAt: Stamp.nullable(),
  /** When it left the inbox for the archive (Pocket's and wallabag's "archive"); null in the inbox. */
  archivedAt: Stamp.nullable().default(null),
  /** Starred, in other apps' words. */
  favourite: z.boolean().default(false),
  /** How far the reader got, from 0 (top) to 1 (the end); restored when it is opened again. */
  progress: z.number().min(0).max(1).default(0),
  /** Which body files exist in content/ for this item. */
  content: z.object({ html: z.boolean(), text: z.boolean() }),
  /** The images kept with it, in content/<id>/ (the HTML names them). */
  assets: z.array(z.string().regex(ASSET_NAME)).max(1_000).default([]),
  /** A hash of the plain text, to recognise the same text imported twice. */
  textHash: z.string().max(200).nullable(),
});
export type Item = z.infer<typeof Item>;

/** A tag's registry entry: the first spelling is kept for display. */
export const Tag = z.object({
  name: z.string().min(1).max(MAX_TAG_LENGTH),
  color: Color,
  created: Stamp,
});
export type Tag = z.infer<typeof Tag>;

/** A symmetric link between two items; `a` < `b` so that each pair is stored once. */
export const Relation = z.object({
  id: Id,
  a: Id,
  b: Id,
  label: z.string().max(MAX_LABEL_LENGTH).nullable(),
  created: Stamp,
});
export type Relation = z.infer<typeof Relation>;

/** A Markdown note attached to an item. */
export const Note = z.object({
  id: Id,
  itemId: Id,
  text: z.string().max(MAX_NOTE_LENGTH),
  created: Stamp,
  updated: Stamp,
});
export type Note = z.infer<typeof Note>;

/** A quoted passage of an item's plain text, located by character offsets into it. */
export const Highlight = z.object({
  id: Id,
  itemId: Id,
  quote: Text,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  comment: Text.nullable(),
  color: Color,
  created: Stamp,
  updated: Stamp,
});
export type Highlight = z.infer<typeof Highlight>;

export const Settings = z.record(z.string(), z.unknown());
export type Settings = z.infer<typeof Settings>;

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

/** Format 2 added the journal: `seq` is the last journal record the snapshot holds. */
export const ARCHIVE_VERSION = 2;

/** The whole of dossier.json. */
export const ArchiveData = z.object({
  version: z.literal(ARCHIVE_VERSION),
  /** The last journal record folded into this snapshot (0: none). */
  seq: z.number().int().min(0),
  items: z.array(Item),
  tags: z.array(Tag),
  notes: z.array(Note),
  highlights: z.array(Highlight),
  relations: z.array(Relation),
  settings: Settings,
});
export type ArchiveData = z.infer<typeof ArchiveData>;

export function emptyArchiveData(): ArchiveData {
  return {
    version: ARCHIVE_VERSION,
    seq: 0,
    items: [],
    tags: [],
    notes: [],
    highlights: [],
    relations: [],
    settings: {},
  };
}

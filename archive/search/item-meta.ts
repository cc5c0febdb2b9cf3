// An item's metadata as the engine keeps it: one class, so that every item has the same
// hidden shape whoever made it (the catalog's columns, the core's changes, the warm-up).
// Code the warm-up optimised for its own items then runs on the archive's without being
// thrown away and compiled again on the answering thread's helpers. The long fields
// (byline, notes, address, description) may be read only when first asked for, and are
// then not kept: a search shows fifty items of a hundred thousand.

import type { SearchMeta } from './types';

type LongKey = 'byline' | 'notes' | 'url' | 'excerpt';

/** The fields an item's metadata may leave to be read when asked for. */
export type LongFields = Required<Pick<SearchMeta, LongKey>>;

/** The fields every ItemMeta holds from the start. */
export type ShortFields = Required<Omit<SearchMeta, LongKey>>;

export class ItemMeta implements SearchMeta {
  readonly id: string;
  readonly kind: SearchMeta['kind'];
  readonly title: string;
  readonly tags: string[];
  readonly source: string | null;
  readonly published: string | null;
  readonly added: string;
  readonly language: string;
  readonly hasNotes: boolean;
  readonly hasHighlights: boolean;
  readonly unread: boolean;
  readonly archived: boolean;
  readonly favourite: boolean;
  readonly stamp: string;
  /** The long fields, or how to read them (each time they are asked for). */
  private readonly long: LongFields | (() => LongFields);

  constructor(f: ShortFields, long: LongFields | (() => LongFields)) {
    this.id = f.id;
    this.kind = f.kind;
    this.title = f.title;
    this.tags = f.tags;
    this.source = f.source;
    this.published = f.published;
    this.added = f.added;
    this.language = f.language;
    this.hasNotes = f.hasNotes;
    this.hasHighlights = f.hasHighlights;
    this.unread = f.unread;
    this.archived = f.archived;
    this.favourite = f.favourite;
    this.stamp = f.stamp;
    this.long = long;
  }

  /** `meta` as an ItemMeta (itself when it is one); absent optional fields take their defaults. */
  static of(meta: SearchMeta): ItemMeta {
    if (meta instanceof ItemMeta) return meta;
    const short = { ...meta, archived: meta.archived ?? false, favourite: meta.favourite ?? false };
    return new ItemMeta(short, {
      byline: meta.byline,
      notes: meta.notes,
      url: meta.url ?? null,
      excerpt: meta.excerpt ?? '',
    });
  }

  // Getters are not own properties, so `{ ...meta }` would drop these four: toJSON and
  // plain() give the whole record where one is wanted.
  get byline(): string | null {
    return this.longFields().byline;
  }

  get notes(): string {
    return this.longFields().notes;
  }

  get url(): string | null {
    return this.longFields().url;
  }

  get excerpt(): string {
    return this.longFields().excerpt;
  }

  /** Every field as a plain object (long ones read once). */
  plain(): SearchMeta {
    const { long: _long, ...short } = this;
    return { ...short, ...this.longFields() };
  }

  toJSON(): SearchMeta {
    return this.plain();
  }

  private longFields(): LongFields {
    return typeof this.long === 'function' ? this.long() : this.long;
  }
}

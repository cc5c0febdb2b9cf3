// Numbers every version of every item's metadata the engine sees, and keeps each one's
// facet values as ids in flat typed arrays: counting facets over thousands of matches then
// reads a few arrays in a row instead of chasing four objects per match through memory.

import { FacetDictionaries, fold, type FacetDictionary } from './facets';
import { tagKey } from '../core/same-tag';
import type { ItemColumns } from './item-columns';
import { ItemMeta } from './item-meta';
import type { FacetCount, SearchMeta, SearchResult } from './types';

/** An item's metadata with the keys sorting compares, computed once per change rather
 *  than once per query; `no` is its number in the engine's item table. */
export interface ItemView {
  meta: SearchMeta;
  date: string;
  tagKeys: string[];
  sourceKey: string | null;
  no: number;
}

/** The date an item sorts by: when it was published, else when it was added. Date filters
 *  and the year facet read the publication date alone. */
export function itemDate(m: Pick<SearchMeta, 'published' | 'added'>): string {
  return m.published || m.added || '';
}

/** Ints per number in ItemTable's rows. */
const ROW = 4;

export class ItemTable {
  readonly dicts = new FacetDictionaries();
  /** Each number's view, made when first asked for if it came from columns. */
  private readonly views: Array<ItemView | undefined> = [];
  /** Numbers adopted from columns: [first, first + cols.count) are cols' items in order. */
  private readonly adopted: Array<{ first: number; cols: ItemColumns }> = [];
  /** Each number's facet values in one row of ROW ints (see setRow): counting the facets of
   *  30,000 matches then reads one cache line per match rather than five arrays' worth. */
  private rows = new Int32Array(1024 * ROW);
  private tags = new Int32Array(2048);
  private tagsUsed = 0;
  /** Tag and source spellings seen so far and their keys: a large archive has 100,000 items
   *  but a few thousand tags and sources, and folding each again would cost the open. */
  private readonly tagKeys = new Map<string, string>();
  private readonly sourceKeys = new Map<string, string>();
  /** The publication date as YYYYMMDD (missing parts 00; 0 for an undated item, which date
   *  filters skip), so date filters compare integers. */
  dateKey = new Int32Array(1024);
  /** FLAG_NOTES | FLAG_HIGHLIGHTS | FLAG_UNREAD | FLAG_ARCHIVED | FLAG_FAVOURITE. */
  flags = new Uint8Array(1024);

  /** How many numbers have been given out. */
  get size(): number {
    return this.views.length;
  }

  /** Adds a version of an item's metadata; its number never changes or gets reused. */
  add(meta: SearchMeta): ItemView {
    const no = this.views.length;
    const view = this.viewOf(meta, no);
    this.views.push(view);
    this.reserve(no + 1, view.tagKeys.length);
    this.dateKey[no] = dateKeyOf(meta.published ?? '');
    this.flags[no] = flagsOf(meta);
    const off = this.tagsUsed;
    for (let i = 0; i < view.tagKeys.length; i++) this.addTag(off, this.dicts.tags.id(view.tagKeys[i], meta.tags[i]));
    this.setRow(
      no,
      this.dicts.kinds.id(meta.kind, meta.kind),
      view.sourceKey && meta.source ? this.dicts.sources.id(view.sourceKey, meta.source) : -1,
      this.yearId(meta.published ?? ''),
      off,
    );
    return view;
  }

  /**
   * Numbers every item of `cols` in order and returns the first number. Each distinct value
   * is keyed once and each item costs a few array writes: its view (and SearchMeta) is made
   * only when a query asks for it.
   */
  adopt(cols: ItemColumns): number {
    const first = this.views.length;
    const n = cols.count;
    this.reserve(first + n, cols.tags.codes.length);
    // Pushed, not `length = first + n`: a long array given its length turns into a slow
    // dictionary, and views are read on every comparison a sort makes.
    for (let i = 0; i < n; i++) this.views.push(undefined);
    this.adopted.push({ first, cols });
    const d = this.dicts;
    const kinds = cols.kind.values.map((k) => d.kinds.id(k, k));
    const sources = cols.source.values.map((s) => d.sources.id(memo(this.sourceKeys, s, fold), s));
    const tags = cols.tags.values.map((t) => d.tags.id(memo(this.tagKeys, t, tagKey), t));
    const dateKeys = cols.published.values.map(dateKeyOf);
    const years = cols.published.values.map((p) => this.yearId(p));
    const { starts, codes } = cols.tags;
    for (let i = 0; i < n; i++) {
      const no = first + i;
      const s = cols.source.codes[i];
      const p = cols.published.codes[i];
      this.dateKey[no] = p >= 0 ? dateKeys[p] : 0;
      this.flags[no] = cols.flags[i];
      const off = this.tagsUsed;
      for (let k = starts[i]; k < starts[i + 1]; k++) this.addTag(off, tags[codes[k]]);
      this.setRow(no, kinds[cols.kind.codes[i]] ?? -1, s >= 0 ? sources[s] : -1, p >= 0 ? years[p] : -1, off);
    }
    return first;
  }

  /** The view of number `no` (made now if it came from columns). */
  view(no: number): ItemView {
    return this.views[no] ?? this.made(no);
  }

  /** The stamp of number `no`, without making its view. */
  stampOf(no: number): string {
    const v = this.views[no];
    if (v) return v.meta.stamp;
    const a = this.adoptedAt(no);
    return a.cols.stamp(no - a.first);
  }

  /** The date number `no` sorts by (ItemView.date) and its id, without making its view: a
   *  first listing sorted by date compares thousands of items and shows fifty. */
  sortDate(no: number): string {
    const v = this.views[no];
    if (v) return v.date;
    const a = this.adoptedAt(no);
    const i = no - a.first;
    const p = a.cols.published.codes[i];
    return itemDate({ published: p >= 0 ? a.cols.published.values[p] : null, added: a.cols.added(i) });
  }

  idOf(no: number): string {
    const v = this.views[no];
    if (v) return v.meta.id;
    const a = this.adoptedAt(no);
    return a.cols.id(no - a.first);
  }

  private made(no: number): ItemView {
    const a = this.adoptedAt(no);
    const view = this.viewOf(a.cols.meta(no - a.first), no);
    this.views[no] = view;
    return view;
  }

  private adoptedAt(no: number): { first: number; cols: ItemColumns } {
    for (const a of this.adopted) if (no >= a.first && no < a.first + a.cols.count) return a;
    throw new RangeError(`no item numbered ${no}`);
  }

  private viewOf(given: SearchMeta, no: number): ItemView {
    const meta = ItemMeta.of(given);
    return {
      meta,
      date: itemDate(meta),
      tagKeys: meta.tags.map((t) => memo(this.tagKeys, t, tagKey)),
      sourceKey: meta.source ? memo(this.sourceKeys, meta.source, fold) : null,
      no,
    };
  }

  /** Room for `items` numbers and `tags` more tag ids. */
  private reserve(items: number, tags: number): void {
    if (items > this.dateKey.length) {
      let n = this.dateKey.length;
      while (n < items) n *= 2;
      this.rows = grow(this.rows, n * ROW);
      this.dateKey = grow(this.dateKey, n);
      const f = new Uint8Array(n);
      f.set(this.flags);
      this.flags = f;
    }
    if (this.tagsUsed + tags > this.tags.length)
      this.tags = grow(this.tags, Math.max(this.tags.length * 2, this.tagsUsed + tags));
  }

  /** Adds tag `id` to the item whose tags start at `off`; two spellings of one tag count once. */
  private addTag(off: number, id: number): void {
    for (let k = off; k < this.tagsUsed; k++) if (this.tags[k] === id) return;
    this.tags[this.tagsUsed++] = id;
  }

  /** An undated item has no year: the day it was imported says nothing of when it was written. */
  private yearId(published: string): number {
    if (digits(published, 0, 4) < 0) return -1;
    const y = published.slice(0, 4);
    return this.dicts.years.id(y, y);
  }

  /**
   * Number `no`'s row: its kind (a handful of ITEM_KINDS, so eight bits) and how many tags
   * it has, its source, its year (each id + 1, 0 for none) and where its tags start in `tags`.
   */
  private setRow(no: number, kind: number, source: number, year: number, tagsFrom: number): void {
    const r = no * ROW;
    this.rows[r] = ((kind + 1) & 0xff) | ((this.tagsUsed - tagsFrom) << 8);
    this.rows[r + 1] = source + 1;
    this.rows[r + 2] = year + 1;
    this.rows[r + 3] = tagsFrom;
  }

  kindOf(no: number): number {
    return (this.rows[no * ROW] & 0xff) - 1;
  }
  sourceOf(no: number): number {
    return this.rows[no * ROW + 1] - 1;
  }
  hasTag(no: number, tag: number): boolean {
    const r = no * ROW;
    const off = this.rows[r + 3];
    for (let k = off, end = off + (this.rows[r] >>> 8); k < end; k++) if (this.tags[k] === tag) return true;
    return false;
  }

  /** Facet counts over the items numbered `nos[0..n)`. */
  facets(nos: ArrayLike<number>, n = nos.length): SearchResult['facets'] {
    const d = this.dicts;
    const tags = new Int32Array(d.tags.values.length);
    // Indexed by id + 1: slot 0 counts the matches without one, and is not listed.
    const sources = new Int32Array(d.sources.values.length + 1);
    const kinds = new Int32Array(256);
    const years = new Int32Array(d.years.values.length + 1);
    const { rows } = this;
    const flat = this.tags;
    for (let i = 0; i < n; i++) {
      const r = nos[i] * ROW;
      const head = rows[r];
      kinds[head & 0xff]++;
      sources[rows[r + 1]]++;
      years[rows[r + 2]]++;
      const off = rows[r + 3];
      for (let k = off, end = off + (head >>> 8); k < end; k++) tags[flat[k]]++;
    }
    return {
      tags: list(d.tags, tags, false),
      sources: list(d.sources, sources.subarray(1), false),
      kinds: list(d.kinds, kinds.subarray(1, d.kinds.values.length + 1), false),
      years: list(d.years, years.subarray(1), true),
    };
  }
}

export const FLAG_NOTES = 1;
export const FLAG_HIGHLIGHTS = 2;
export const FLAG_UNREAD = 4;
export const FLAG_ARCHIVED = 8;
export const FLAG_FAVOURITE = 16;

/** An item's FLAG_* bits, as the table and the index catalog keep them. */
export function flagsOf(
  m: Pick<SearchMeta, 'hasNotes' | 'hasHighlights' | 'unread' | 'archived' | 'favourite'>,
): number {
  return (
    (m.hasNotes ? FLAG_NOTES : 0) |
    (m.hasHighlights ? FLAG_HIGHLIGHTS : 0) |
    (m.unread ? FLAG_UNREAD : 0) |
    (m.archived ? FLAG_ARCHIVED : 0) |
    (m.favourite ? FLAG_FAVOURITE : 0)
  );
}

/** "2024-06-15…" → 20240615, "2024-06" → 20240600, "2024" → 20240000; anything else → 0.
 *  Read digit by digit: it runs for every item when an archive opens. */
export function dateKeyOf(date: string): number {
  const year = digits(date, 0, 4);
  if (year < 0) return 0;
  const month = date.charCodeAt(4) === DASH ? digits(date, 5, 2) : -1;
  if (month < 0) return year * 10000;
  const day = date.charCodeAt(7) === DASH ? digits(date, 8, 2) : -1;
  return year * 10000 + month * 100 + Math.max(day, 0);
}

const DASH = 45;

/** The number `n` decimal digits at `from` spell, or -1 if any is not a digit. */
function digits(s: string, from: number, n: number): number {
  let value = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

function memo(cache: Map<string, string>, value: string, key: (v: string) => string): string {
  let k = cache.get(value);
  if (k === undefined) {
    k = key(value);
    if (cache.size < 100_000) cache.set(value, k);
  }
  return k;
}

function grow(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function list(dict: FacetDictionary, counts: Int32Array, byValueDesc: boolean): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) out.push({ value: dict.values[i], count: counts[i] });
  if (byValueDesc) out.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  else out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}

// The index catalog's items as columns: strings as one UTF-8 run with where each value
// starts, few-valued fields as a list of values and an index per item, flags as bits. Read
// back, every column is checked against the others before the engine sees it (the catalog
// is a file on disk, so it is read like any other); a SearchMeta is made only for an item a
// search shows, and its long fields (byline, notes, address, description) are read from the
// file then, a line each.

import { closeSync, openSync } from 'node:fs';
import { FLAG_ARCHIVED, FLAG_FAVOURITE, FLAG_HIGHLIGHTS, FLAG_NOTES, FLAG_UNREAD, flagsOf } from '../search/item-table';
import { FacetDictionary } from '../search/facets';
import type { CodedColumn, ItemColumns, Placement } from '../search/item-columns';
import { arrayOf, readRange, type Typed } from '../search/sections-file';
import { ItemMeta, type LongFields } from '../search/item-meta';
import type { SearchMeta, StoredLayout } from '../search/types';

/** An item's fields kept out of the columns, as its line: its id first, so that a line read
 *  from a catalog replaced since (another file at the same offset) is known not to be its. */
export function longFieldsLine(m: SearchMeta): string {
  return JSON.stringify([m.id, m.byline, m.notes, m.url ?? null, m.excerpt ?? '']);
}

const STRINGS = ['id', 'stamp', 'title', 'added'] as const;
const CODED = ['kind', 'language', 'source', 'published'] as const;
type Coded = (typeof CODED)[number];

/**
 * `metas` in the order the catalog keeps them: the stored segments' live items first, in
 * the order the segments hold them, then the rest. The engine numbers items in catalog
 * order, so a query, which reads its matches segment by segment, then walks the item
 * table front to back instead of jumping across it (a bulk build puts the newest items
 * first, which is rarely the archive's own order).
 */
export function inSegmentOrder(metas: SearchMeta[], layout: StoredLayout | null): SearchMeta[] {
  if (!layout) return metas;
  const rest = new Map(metas.map((m) => [m.id, m]));
  const out: SearchMeta[] = [];
  for (const seg of layout.segments) {
    for (let d = 0; d < seg.alive.length; d++) {
      const m = seg.alive[d] ? rest.get(seg.ids[d]) : undefined;
      if (!m) continue;
      out.push(m);
      rest.delete(m.id);
    }
  }
  for (const m of rest.values()) out.push(m);
  return out;
}

/** The sections of a catalog of `metas`, whose lines of long fields (longFieldsLine) are
 *  written after them in the same order. Null when the archive is too large for 32-bit
 *  offsets (it is then read whole instead). Every column is filled in place, one item at a
 *  time: at close, with the whole archive's metadata in memory beside it, joined strings and
 *  iterated copies of 50,000 items added tens of megabytes to the writer's peak. */
export function catalogSections(
  metas: SearchMeta[],
  layout: StoredLayout | null,
): { text: Record<string, string>; arrays: Record<string, Typed> } | null {
  const n = metas.length;
  const arrays: Record<string, Typed> = {};
  const text: Record<string, string> = {};
  if (layout) {
    // Each stored segment's live items as indexes into these columns (placement, item-columns.ts).
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) index.set(metas[i].id, i);
    text.placement = JSON.stringify({
      manifestCrc: layout.manifestCrc,
      segments: layout.segments.map((seg) => seg.name),
    });
    layout.segments.forEach((seg, k) => {
      const placed = new Int32Array(seg.alive.length);
      for (let d = 0; d < placed.length; d++) placed[d] = seg.alive[d] ? (index.get(seg.ids[d]) ?? -1) : -1;
      arrays[`placed${k}`] = placed;
    });
  }
  for (const key of STRINGS) {
    const starts = offsets(n, (i) => Buffer.byteLength(metas[i][key]));
    if (!starts) return null;
    const bytes = Buffer.alloc(starts[n]);
    for (let i = 0; i < n; i++) bytes.write(metas[i][key], starts[i], 'utf8');
    arrays[`${key}Starts`] = starts;
    arrays[`${key}Bytes`] = bytes;
  }
  const values: Record<string, string[]> = {};
  for (const key of CODED) {
    const dict = new FacetDictionary();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = code(dict, metas[i][key]);
    arrays[key] = codes;
    values[key] = dict.values;
  }
  const tags = new FacetDictionary();
  const tagStarts = new Uint32Array(n + 1);
  const tagCodes: number[] = [];
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const t of metas[i].tags) tagCodes.push(code(tags, t));
    tagStarts[i + 1] = tagCodes.length;
    flags[i] = flagsOf(metas[i]);
  }
  values.tags = tags.values;
  arrays.tagStarts = tagStarts;
  arrays.tagCodes = Int32Array.from(tagCodes);
  arrays.flags = flags;
  // Each line is followed by its '\n'. The lines are made again when written, a few at a
  // time, rather than all kept from here to there.
  const textStarts = offsets(n, (i) => Buffer.byteLength(longFieldsLine(metas[i])) + 1);
  if (!textStarts) return null;
  arrays.textStarts = textStarts;
  text.values = JSON.stringify(values);
  return { text, arrays };
}

/** Distinct values are numbered in the order first met, exactly as spelt; null is -1. */
const code = (dict: FacetDictionary, value: string | null) => (value === null ? -1 : dict.id(value, value));

/** Where each of `n` values (of `bytes(i)` bytes) starts in their run, and its end; null past 4 GB. */
function offsets(n: number, bytes: (i: number) => number): Uint32Array | null {
  const starts = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += bytes(i);
    if (at > 0xffffffff) return null;
    starts[i + 1] = at;
  }
  return starts;
}

/** Where the catalog's lines of long fields are. */
interface TextsAt {
  file: string;
  textsFrom: number;
}

/** A string column: one UTF-8 run and where each value starts (its end is the next start). */
class Strings {
  constructor(
    private readonly starts: Uint32Array,
    private readonly bytes: Buffer,
  ) {}
  at(i: number): string {
    return this.bytes.toString('utf8', this.starts[i], this.starts[i + 1]);
  }
}

export class CatalogColumns implements ItemColumns {
  readonly kind: CodedColumn;
  readonly language: CodedColumn;
  readonly source: CodedColumn;
  readonly published: CodedColumn;
  readonly tags: ItemColumns['tags'];
  readonly placement: Placement | null;
  /** The last line of long fields read: a meta's four are usually asked for together. */
  private lastText: { at: number; value: LongFields } | null = null;

  private constructor(
    readonly count: number,
    private readonly strings: Record<(typeof STRINGS)[number], Strings>,
    coded: Record<Coded, CodedColumn>,
    tags: ItemColumns['tags'],
    readonly flags: Uint8Array,
    private readonly textStarts: Uint32Array,
    private readonly texts: TextsAt,
    placement: Placement | null,
  ) {
    ({ kind: this.kind, language: this.language, source: this.source, published: this.published } = coded);
    this.tags = tags;
    this.placement = placement;
  }

  /**
   * The columns `decodeSections` read, checked: every column as long as the item count,
   * every offset within its run and in order, every code within its values, kinds among
   * `kinds`. Throws on anything else.
   */
  static from(
    text: Record<string, string>,
    arrays: Record<string, Typed>,
    texts: TextsAt,
    kinds: readonly string[],
  ): CatalogColumns {
    const values = JSON.parse(text.values ?? 'null') as Record<string, unknown> | null;
    const list = (key: string): string[] => {
      const v = values?.[key];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`catalog lacks ${key} values`);
      return v as string[];
    };
    const need = <T extends Typed>(name: string, Ctor: new (n: number) => T, length?: number): T =>
      arrayOf(arrays, 'catalog', name, Ctor, length);
    const flags = need('flags', Uint8Array);
    const n = flags.length;
    const strings = {} as Record<(typeof STRINGS)[number], Strings>;
    for (const key of STRINGS) {
      const bytes = need(`${key}Bytes`, Uint8Array);
      const starts = need(`${key}Starts`, Uint32Array, n + 1);
      ascending(starts, bytes.length, key);
      strings[key] = new Strings(starts, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    const coded = {} as Record<Coded, CodedColumn>;
    for (const key of CODED) {
      coded[key] = { values: list(key), codes: need(key, Int32Array, n) };
      within(coded[key].codes, coded[key].values.length, key);
    }
    if (!coded.kind.values.every((k) => kinds.includes(k))) throw new Error('catalog has an unknown kind');
    for (let i = 0; i < n; i++)
      if (coded.kind.codes[i] < 0 || coded.language.codes[i] < 0)
        throw new Error('catalog has an item with no kind or language');
    const tagStarts = need('tagStarts', Uint32Array, n + 1);
    const tagCodes = need('tagCodes', Int32Array);
    ascending(tagStarts, tagCodes.length, 'tags');
    const tags = { values: list('tags'), starts: tagStarts, codes: tagCodes };
    within(tagCodes, tags.values.length, 'tags');
    for (const c of tagCodes) if (c < 0) throw new Error('catalog has a tag with no value');
    const textStarts = need('textStarts', Uint32Array, n + 1);
    ascending(textStarts, Infinity, 'texts');
    return new CatalogColumns(n, strings, coded, tags, flags, textStarts, texts, placementOf(text, arrays));
  }

  id(i: number): string {
    return this.strings.id.at(i);
  }

  stamp(i: number): string {
    return this.strings.stamp.at(i);
  }

  added(i: number): string {
    return this.strings.added.at(i);
  }

  meta(i: number): SearchMeta {
    const flags = this.flags[i];
    const value = (c: CodedColumn) => (c.codes[i] >= 0 ? c.values[c.codes[i]] : null);
    const tags: string[] = [];
    for (let k = this.tags.starts[i]; k < this.tags.starts[i + 1]; k++) tags.push(this.tags.values[this.tags.codes[k]]);
    const short = {
      id: this.id(i),
      kind: value(this.kind) as SearchMeta['kind'],
      title: this.strings.title.at(i),
      tags,
      source: value(this.source),
      published: value(this.published),
      added: this.added(i),
      language: value(this.language) ?? 'en',
      hasNotes: (flags & FLAG_NOTES) !== 0,
      hasHighlights: (flags & FLAG_HIGHLIGHTS) !== 0,
      unread: (flags & FLAG_UNREAD) !== 0,
      archived: (flags & FLAG_ARCHIVED) !== 0,
      favourite: (flags & FLAG_FAVOURITE) !== 0,
      stamp: this.stamp(i),
    };
    return new ItemMeta(short, () => this.longFields(i));
  }

  private longFields(i: number): LongFields {
    if (this.lastText?.at === i) return this.lastText.value;
    const value = this.readLongFields(i);
    this.lastText = { at: i, value };
    return value;
  }

  private readLongFields(i: number): LongFields {
    try {
      const fd = openSync(this.texts.file, 'r');
      let bytes: Buffer;
      try {
        const length = this.textStarts[i + 1] - this.textStarts[i] - 1;
        bytes = readRange(fd, this.texts.textsFrom + this.textStarts[i], length, 'catalog');
      } finally {
        closeSync(fd);
      }
      const t: unknown = JSON.parse(bytes.toString('utf8'));
      if (
        Array.isArray(t) &&
        t[0] === this.id(i) &&
        (t[1] === null || typeof t[1] === 'string') &&
        typeof t[2] === 'string' &&
        (t[3] === null || typeof t[3] === 'string') &&
        typeof t[4] === 'string'
      )
        return {
          byline: t[1] as string | null,
          notes: t[2] as string,
          url: t[3] as string | null,
          excerpt: t[4] as string,
        };
    } catch {
      // a damaged line, or a catalog replaced since: the item is shown by its short fields
    }
    return { byline: null, notes: '', url: null, excerpt: '' };
  }
}

/** The placement saved with the columns, if any; its values are checked by the engine
 *  against the segments it loads (base-segments.ts), which ignores one that does not fit. */
function placementOf(text: Record<string, string>, arrays: Record<string, Typed>): Placement | null {
  if (text.placement === undefined) return null;
  const p = JSON.parse(text.placement) as { manifestCrc?: unknown; segments?: unknown };
  if (!Number.isInteger(p.manifestCrc) || !Array.isArray(p.segments)) throw new Error('catalog has a bad placement');
  const segments = new Map<string, Int32Array>();
  p.segments.forEach((name, k) => {
    const items = arrays[`placed${k}`];
    if (typeof name !== 'string' || !(items instanceof Int32Array)) throw new Error('catalog has a bad placement');
    segments.set(name, items);
  });
  return { manifestCrc: p.manifestCrc as number, segments };
}

/** Throws unless `starts` begins at 0, never goes back, and ends within `end`. */
function ascending(starts: Uint32Array, end: number, what: string): void {
  if (starts[0] !== 0) throw new Error(`catalog's ${what} do not start at 0`);
  for (let i = 1; i < starts.length; i++)
    if (starts[i] < starts[i - 1]) throw new Error(`catalog's ${what} go backwards`);
  if (starts[starts.length - 1] > end) throw new Error(`catalog's ${what} run past their end`);
}

/** Throws unless every code is -1 or an index into `count` values. */
function within(codes: Int32Array, count: number, what: string): void {
  for (const c of codes) if (c < -1 || c >= count) throw new Error(`catalog's ${what} codes are out of range`);
}

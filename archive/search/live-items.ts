// The metadata of every item the archive holds now: one current item-table number per id,
// plus what queries derive from the whole set (the item numbers a listing shows, the
// languages to stem in), kept in step with every change. Items adopted from the catalog's
// columns are mapped by id only once something asks for one by id: a search never does.

import { analyzerFor } from './analyzer';
import type { ItemColumns } from './item-columns';
import type { ItemView } from './item-table';
import { ItemTable } from './item-table';
import type { SearchMeta } from './types';

export class LiveItems {
  readonly table = new ItemTable();
  /** Every item the archive holds now, by its current item-table number. */
  private readonly nosById = new Map<string, number>();
  /** Items adopted whose ids are not in nosById yet: numbers [first, first + cols.count). */
  private unmapped: { first: number; cols: ItemColumns } | null = null;
  /** How many items use each analysis language, so queries know which stems to try. */
  private readonly languageCount = new Map<string, number>();
  private nosCache: Int32Array | null = null;

  get size(): number {
    return this.unmapped ? this.unmapped.cols.count : this.nosById.size;
  }

  get(id: string): ItemView | undefined {
    const no = this.byId().get(id);
    return no === undefined ? undefined : this.table.view(no);
  }

  /** The item's current item-table number, or -1. */
  noOf(id: string): number {
    return this.byId().get(id) ?? -1;
  }

  /** Makes `meta` the item's current metadata, under a new item-table number. */
  set(meta: SearchMeta): ItemView {
    this.delete(meta.id);
    this.nosCache = null;
    const v = this.table.add(meta);
    this.nosById.set(meta.id, v.no);
    this.countLanguage(meta.language, 1);
    return v;
  }

  /** Makes every item of `cols` current at once (an archive opening from its catalog, with
   *  no item yet); returns the item-table number of the first. */
  adopt(cols: ItemColumns): number {
    if (this.size > 0 || this.unmapped) throw new Error('items are adopted into an empty set only');
    this.nosCache = null;
    const first = this.table.adopt(cols);
    this.unmapped = { first, cols };
    const perValue = new Int32Array(cols.language.values.length);
    for (let i = 0; i < cols.count; i++) perValue[cols.language.codes[i]]++;
    cols.language.values.forEach((l, k) => this.countLanguage(l, perValue[k]));
    return first;
  }

  delete(id: string): void {
    const map = this.byId();
    const no = map.get(id);
    if (no === undefined) return;
    map.delete(id);
    this.nosCache = null;
    this.countLanguage(this.table.view(no).meta.language, -1);
  }

  /** The item-table numbers of every item now, for listings; rebuilt after changes. */
  nos(): Int32Array {
    if (!this.nosCache) {
      const u = this.unmapped;
      this.nosCache = u
        ? Int32Array.from({ length: u.cols.count }, (_, i) => u.first + i)
        : Int32Array.from(this.nosById.values());
    }
    return this.nosCache;
  }

  /** The languages a query's words are stemmed in: English and every one an item uses. */
  languages(): string[] {
    const langs = new Set<string>(['en']);
    for (const l of this.languageCount.keys()) langs.add(l);
    return [...langs];
  }

  /** The id map, with adopted items put in when first needed (a later copy of an id wins). */
  private byId(): Map<string, number> {
    const u = this.unmapped;
    if (u) {
      this.unmapped = null;
      for (let i = 0; i < u.cols.count; i++) this.nosById.set(u.cols.id(i), u.first + i);
      if (this.nosById.size !== u.cols.count) this.nosCache = null;
    }
    return this.nosById;
  }

  private countLanguage(language: string, by: number): void {
    if (by === 0) return;
    const lang = analyzerFor(language).language;
    const n = (this.languageCount.get(lang) ?? 0) + by;
    if (n > 0) this.languageCount.set(lang, n);
    else this.languageCount.delete(lang);
  }
}

// The metadata of every item the archive holds now: one current item-table number per id,
// plus what queries derive from the whole set (the item numbers a listing shows, the
// languages to stem in), kept in step with every change.

import { analyzerFor } from './analyzer';
import type { ItemColumns } from './item-columns';
import type { ItemView } from './item-table';
import { ItemTable } from './item-table';
import type { SearchMeta } from './types';

export class LiveItems {
  readonly table = new ItemTable();
  /** Every item the archive holds now, by its current item-table number. */
  private readonly nosById = new Map<string, number>();
  /** How many items use each analysis language, so queries know which stems to try. */
  private readonly languageCount = new Map<string, number>();
  private nosCache: Int32Array | null = null;

  get size(): number {
    return this.nosById.size;
  }

  get(id: string): ItemView | undefined {
    const no = this.nosById.get(id);
    return no === undefined ? undefined : this.table.view(no);
  }

  /** The item's current item-table number, or -1. */
  noOf(id: string): number {
    return this.nosById.get(id) ?? -1;
  }

  ids(): IterableIterator<string> {
    return this.nosById.keys();
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

  /** Makes every item of `cols` current at once (an archive opening from its catalog). */
  adopt(cols: ItemColumns): void {
    this.nosCache = null;
    const first = this.table.adopt(cols);
    for (let i = 0; i < cols.count; i++) {
      const id = cols.id(i);
      if (this.nosById.has(id)) this.delete(id);
      this.nosById.set(id, first + i);
    }
    const perValue = new Int32Array(cols.language.values.length);
    for (let i = 0; i < cols.count; i++) perValue[cols.language.codes[i]]++;
    cols.language.values.forEach((l, k) => this.countLanguage(l, perValue[k]));
  }

  delete(id: string): void {
    const no = this.nosById.get(id);
    if (no === undefined) return;
    this.nosById.delete(id);
    this.nosCache = null;
    this.countLanguage(this.table.view(no).meta.language, -1);
  }

  /** The item-table numbers of every item now, for listings; rebuilt after changes. */
  nos(): Int32Array {
    if (!this.nosCache) this.nosCache = Int32Array.from(this.nosById.values());
    return this.nosCache;
  }

  /** The languages a query's words are stemmed in: English and every one an item uses. */
  languages(): string[] {
    const langs = new Set<string>(['en']);
    for (const l of this.languageCount.keys()) langs.add(l);
    return [...langs];
  }

  private countLanguage(language: string, by: number): void {
    if (by === 0) return;
    const lang = analyzerFor(language).language;
    const n = (this.languageCount.get(lang) ?? 0) + by;
    if (n > 0) this.languageCount.set(lang, n);
    else this.languageCount.delete(lang);
  }
}

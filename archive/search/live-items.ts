// The metadata of every item the archive holds now: one current view per id in the item
// table, plus what queries derive from the whole set (the item numbers a listing shows, the
// languages to stem in), kept in step with every change.

import { analyzerFor } from './analyzer';
import type { ItemView } from './item-table';
import { ItemTable } from './item-table';
import type { SearchMeta } from './types';

export class LiveItems {
  readonly table = new ItemTable();
  /** Every item the archive holds now, with its filter and sort keys. */
  private readonly views = new Map<string, ItemView>();
  /** How many items use each analysis language, so queries know which stems to try. */
  private readonly languageCount = new Map<string, number>();
  private nosCache: Int32Array | null = null;

  get size(): number {
    return this.views.size;
  }

  get(id: string): ItemView | undefined {
    return this.views.get(id);
  }

  values(): IterableIterator<ItemView> {
    return this.views.values();
  }

  /** Makes `meta` the item's current metadata, under a new item-table number. */
  set(meta: SearchMeta): ItemView {
    this.delete(meta.id);
    this.nosCache = null;
    const v = this.table.add(meta);
    this.views.set(meta.id, v);
    const lang = analyzerFor(meta.language).language;
    this.languageCount.set(lang, (this.languageCount.get(lang) ?? 0) + 1);
    return v;
  }

  delete(id: string): void {
    const old = this.views.get(id);
    if (!old) return;
    this.views.delete(id);
    this.nosCache = null;
    const lang = analyzerFor(old.meta.language).language;
    const n = (this.languageCount.get(lang) ?? 1) - 1;
    if (n > 0) this.languageCount.set(lang, n);
    else this.languageCount.delete(lang);
  }

  /** The item-table numbers of every item now, for listings; rebuilt after changes. */
  nos(): Int32Array {
    if (!this.nosCache) this.nosCache = Int32Array.from(this.views.values(), (v) => v.no);
    return this.nosCache;
  }

  /** The languages a query's words are stemmed in: English and every one an item uses. */
  languages(): string[] {
    const langs = new Set<string>(['en']);
    for (const l of this.languageCount.keys()) langs.add(l);
    return [...langs];
  }
}

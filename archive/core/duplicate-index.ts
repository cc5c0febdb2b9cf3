// Which item an incoming page duplicates (same canonical URL, else same text), in O(1) per
// question at any archive size: built once per open archive, then kept current from the
// store's change feed (every put or drop of an item names it), and every answer is checked
// against the item as it is now, so an edited or removed item is never named.

import type { Archive } from './archive';
import type { Item } from './model';
import { urlKey } from '../interop/canonical-url';

/**
 * A key → item map that stays small: one id per key, and the rare second holder of a key
 * (archives may already hold duplicates) in a side table, promoted when the first goes.
 */
class KeyMap {
  private first = new Map<string, string>();
  private more = new Map<string, string[]>();

  add(key: string, id: string): void {
    const held = this.first.get(key);
    if (held === undefined) this.first.set(key, id);
    else if (held !== id) {
      const others = this.more.get(key);
      if (!others) this.more.set(key, [id]);
      else if (!others.includes(id)) others.push(id);
    }
  }

  /** The first holder of `key` that `valid` accepts; holders it refuses are forgotten. */
  find(key: string, valid: (id: string) => boolean): string | null {
    for (;;) {
      const id = this.first.get(key);
      if (id === undefined) return null;
      if (valid(id)) return id;
      const others = this.more.get(key);
      const next = others?.shift();
      if (next === undefined) this.first.delete(key);
      else this.first.set(key, next);
      if (others?.length === 0) this.more.delete(key);
    }
  }
}

export class DuplicateIndex {
  private urls = new KeyMap();
  private texts = new KeyMap();
  /** Items put or dropped since the maps last looked; null: build from scratch. */
  private dirty: Set<string> | null = null;

  constructor(private readonly archive: Archive) {
    archive.store.watchers.add((key) => {
      if (key === 'reset') this.dirty = null;
      else if (this.dirty && key.startsWith('items:')) this.dirty.add(key.slice(6));
    });
  }

  /** The item holding this canonical URL or this text hash, if any. */
  duplicateOf(url: string | null, hash: string | null): Item | null {
    this.refresh();
    const key = urlKey(url);
    const byUrl =
      key === null
        ? null
        : this.urls.find(key, (id) => this.archive.has(id) && urlKey(this.archive.item(id).url) === key);
    if (byUrl !== null) return this.archive.item(byUrl);
    const byText =
      hash === null
        ? null
        : this.texts.find(hash, (id) => this.archive.has(id) && this.archive.item(id).textHash === hash);
    return byText === null ? null : this.archive.item(byText);
  }

  private refresh(): void {
    if (this.dirty === null) {
      this.urls = new KeyMap();
      this.texts = new KeyMap();
      for (const item of this.archive.data.items) this.remember(item);
      this.dirty = new Set();
      return;
    }
    if (this.dirty.size === 0) return;
    for (const id of this.dirty) if (this.archive.has(id)) this.remember(this.archive.item(id));
    this.dirty.clear();
  }

  private remember(item: Item): void {
    const key = urlKey(item.url);
    // The item's own string when the key reads the same: a key of its own for each of
    // 50,000 items took some 2.9 MB.
    if (key !== null) this.urls.add(key === item.url ? item.url : key, item.id);
    if (item.textHash) this.texts.add(item.textHash, item.id);
  }
}

const indexes = new WeakMap<Archive, DuplicateIndex>();

/** The archive's one duplicate index (made on first use). */
export function duplicateIndex(archive: Archive): DuplicateIndex {
  let index = indexes.get(archive);
  if (!index) indexes.set(archive, (index = new DuplicateIndex(archive)));
  return index;
}

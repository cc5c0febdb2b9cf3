// An open archive: the store (metadata and bodies) and the search index kept in step with
// it. Every change goes through `commit(item)`, which stamps the item, schedules the one
// folded write and tells the index, so the next query sees the change.

import type { ArchiveData, Item, ItemView, Note, Highlight, Relation, RelatedItem } from './model';
import { Store } from './store';
import { ArchiveError, notFound } from './errors';
import type { SearchIndex, SearchMeta } from '../search/types';
import { openSearchIndex } from '../search/index';

export interface OpenOptions {
  readOnly?: boolean;
  /** Called once on a brand-new archive, before the index opens (the seed goes here). */
  seed?: (archive: Archive) => Promise<void>;
}

export class Archive {
  private constructor(
    readonly store: Store,
    private searchIndex: SearchIndex | null,
  ) {}

  static async open(dir: string, options: OpenOptions = {}): Promise<Archive> {
    const store = await Store.open(dir, { readOnly: options.readOnly });
    const archive = new Archive(store, null);
    try {
      if (store.created && options.seed) await options.seed(archive);
      archive.searchIndex = await openSearchIndex({
        dir: store.indexDir,
        contentDir: store.contentDir,
        metas: store.data.items.map((item) => archive.searchMeta(item)),
        readOnly: store.readOnly,
      });
      return archive;
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }

  get dir(): string {
    return this.store.dir;
  }

  get data(): ArchiveData {
    return this.store.data;
  }

  get index(): SearchIndex {
    if (!this.searchIndex) throw new ArchiveError('internal', 'The search index is not open yet.');
    return this.searchIndex;
  }

  now(): string {
    return new Date().toISOString();
  }

  item(id: string): Item {
    const item = this.data.items.find((i) => i.id === id);
    if (!item) throw notFound('item', id);
    return item;
  }

  has(id: string): boolean {
    return this.data.items.some((i) => i.id === id);
  }

  notesOf(id: string): Note[] {
    return this.data.notes.filter((n) => n.itemId === id).sort((a, b) => a.created.localeCompare(b.created));
  }

  highlightsOf(id: string): Highlight[] {
    return this.data.highlights.filter((h) => h.itemId === id).sort((a, b) => a.start - b.start);
  }

  relationsOf(id: string): Relation[] {
    return this.data.relations.filter((r) => r.a === id || r.b === id);
  }

  relatedOf(id: string): RelatedItem[] {
    return this.relationsOf(id).flatMap((r) => {
      const other = this.data.items.find((i) => i.id === (r.a === id ? r.b : r.a));
      return other ? [{ id: other.id, title: other.title, kind: other.kind, label: r.label, relationId: r.id }] : [];
    });
  }

  view(id: string): ItemView {
    const item = this.item(id);
    return { ...item, notes: this.notesOf(id), highlights: this.highlightsOf(id), related: this.relatedOf(id) };
  }

  /** What the search index knows of an item without its body. */
  searchMeta(item: Item, notes = this.notesOf(item.id), highlights = this.highlightsOf(item.id)): SearchMeta {
    const annotations = [
      ...notes.map((n) => n.text),
      ...highlights.flatMap((h) => (h.comment ? [h.quote, h.comment] : [h.quote])),
    ].join('\n\n');
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      tags: item.tags,
      source: item.source,
      byline: item.byline,
      notes: annotations,
      url: item.url,
      excerpt: item.excerpt,
      published: item.published,
      added: item.added,
      language: item.language,
      hasNotes: notes.length > 0,
      hasHighlights: highlights.length > 0,
      unread: item.readAt === null,
      stamp: item.updated,
    };
  }

  /**
   * Records a change to `item` (or to its notes, highlights or tags): stamps it, schedules
   * the write and re-indexes it. `body` saves the index a read of content/ when at hand.
   */
  commit(item: Item, body?: string): void {
    item.updated = this.now();
    this.store.changed();
    this.searchIndex?.upsert({ ...this.searchMeta(item), body });
  }

  /** Records a change that touches no item's indexed text (tag colours, settings). */
  changed(): void {
    this.store.changed();
  }

  forget(id: string): void {
    this.store.changed();
    this.searchIndex?.remove(id);
  }

  async flush(): Promise<void> {
    await Promise.all([this.store.readOnly ? undefined : this.store.flush(), this.searchIndex?.flush()]);
  }

  async close(): Promise<void> {
    try {
      await this.searchIndex?.close();
    } finally {
      await this.store.close();
    }
  }
}

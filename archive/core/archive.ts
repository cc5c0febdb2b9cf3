// An open archive: the store (metadata, journal and bodies) and the search index kept in
// step with it. Every change is recorded with the store (`commit(item)` for an item, which
// also stamps it and tells the index, `record`/`unrecord` for notes, highlights and links),
// so the journal holds it and the next query sees it; `durable()` says when it is on disk.

import type { ArchiveData, Item, ItemView, Note, Highlight, Relation, RelatedItem } from './model';
import { Store } from './store';
import { ArchiveError, notFound } from './errors';
import type { SearchIndex, SearchMeta } from '../search/types';
import type { ItemColumns } from '../search/item-columns';
import { openSearchIndex } from '../search/index';
import type { RecordCollection } from './journal';
import { ensureTag } from './tags';
import { BackupSchedule } from './backup-schedule';
import { promises as fs } from 'node:fs';
import { readCatalog, writeCatalog } from './search-catalog';

export interface OpenOptions {
  readOnly?: boolean;
  /** False: refuse to create an archive where there is none. */
  create?: boolean;
  lockWaitMs?: number;
  /** When the index's catalog is of the archive's present state, open the index from it and
   *  answer searches at once: a reader reads dossier.json only at `loaded()` (dispatch()
   *  calls it for every method but a search), a writer reads it in the background, in
   *  slices between searches. Without it, a writer reads dossier.json before it returns
   *  (it still opens its index from the catalog whenever it can). */
  searchFirst?: boolean;
  /** The archive serves one command and closes (the CLI): no warm-up of the search code. */
  oneCommand?: boolean;
  /** Called once on a brand-new archive, before the index opens (the seed goes here). */
  seed?: (archive: Archive) => Promise<void>;
}

export class Archive {
  /** Backups during the session; null for a read-only archive. */
  backups: BackupSchedule | null = null;
  /** Whether the search index warms its code up after opening (not for one command). */
  private warmUp = true;

  private constructor(
    readonly store: Store,
    private searchIndex: SearchIndex | null,
  ) {}

  static async open(dir: string, options: OpenOptions = {}): Promise<Archive> {
    const store = await Store.open(dir, {
      readOnly: options.readOnly,
      create: options.create,
      lockWaitMs: options.lockWaitMs,
      deferRead: options.searchFirst,
    });
    const archive = new Archive(store, null);
    try {
      if (store.created && options.seed) {
        await options.seed(archive);
        await archive.durable();
      }
      // An archive as the last writer left it opens its search index from the index's
      // catalog: a writer makes no metadata per item for it, and with searchFirst answers
      // searches before it has read dossier.json (see OpenOptions).
      const catalog = store.readOnly && !options.searchFirst ? null : await readCatalog(store);
      if (!catalog) await store.load();
      archive.warmUp = !options.oneCommand;
      await archive.openIndex(catalog ?? undefined);
      if (!store.readOnly) {
        // Edits, backups and every method but a search wait for this read (dispatch() and
        // loaded() start it at once). Otherwise it starts once no search is under way, and
        // gives way to every search that comes while it goes on.
        const quiet = () => archive.searchIndex?.quiet() ?? Promise.resolve();
        store.readBetween(quiet);
        setImmediate(
          () =>
            void quiet()
              .then(() => store.load())
              .catch(() => undefined),
        );
        archive.backups = new BackupSchedule(archive);
        if (!store.created) archive.backups.start();
      }
      return archive;
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }

  private byId = new Map<string, Item>();
  private indexedList: Item[] | null = null;
  private indexedCount = 0;

  /**
   * An item by id in O(1): items are only ever appended to the list in place, and the list
   * is replaced whole when one is removed, so a longer list adds its tail to the map and
   * another list rebuilds it.
   */
  private lookup(id: string): Item | undefined {
    const items = this.data.items;
    if (items !== this.indexedList || items.length < this.indexedCount) {
      this.byId = new Map(items.map((i) => [i.id, i]));
      this.indexedList = items;
      this.indexedCount = items.length;
    } else if (items.length > this.indexedCount) {
      for (let i = this.indexedCount; i < items.length; i++) this.byId.set(items[i].id, items[i]);
      this.indexedCount = items.length;
    }
    const item = this.byId.get(id);
    return item !== undefined && item.id === id ? item : undefined;
  }

  get dir(): string {
    return this.store.dir;
  }

  get data(): ArchiveData {
    return this.store.data;
  }

  /** Resolves once `data` can be read (a reader that opened from the catalog reads it now). */
  loaded(): Promise<void> {
    return this.store.load();
  }

  get index(): SearchIndex {
    if (!this.searchIndex) throw new ArchiveError('internal', 'The search index is not open yet.');
    return this.searchIndex;
  }

  now(): string {
    return new Date().toISOString();
  }

  item(id: string): Item {
    const item = this.lookup(id);
    if (!item) throw notFound('item', id);
    return item;
  }

  has(id: string): boolean {
    return this.lookup(id) !== undefined;
  }

  notesOf(id: string): Note[] {
    return this.data.notes.filter((n) => n.itemId === id).sort(byCreated);
  }

  highlightsOf(id: string): Highlight[] {
    return this.data.highlights.filter((h) => h.itemId === id).sort(byStart);
  }

  relationsOf(id: string): Relation[] {
    return this.data.relations.filter((r) => r.a === id || r.b === id);
  }

  relatedOf(id: string): RelatedItem[] {
    return this.relationsOf(id).flatMap((r) => {
      const other = this.lookup(r.a === id ? r.b : r.a);
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
      archived: item.archivedAt !== null,
      favourite: item.favourite,
      stamp: item.updated,
    };
  }

  /**
   * Records a change to `item` (or to its notes, highlights or tags): stamps it, schedules
   * the write and re-indexes it. `body` saves the index a read of content/ when at hand.
   */
  commit(item: Item, body?: string): void {
    item.updated = this.now();
    this.store.put('items', item);
    this.searchIndex?.upsert({ ...this.searchMeta(item), body });
  }

  /** Records that a note, highlight or relation was added or changed (commit its item too). */
  record(coll: Exclude<RecordCollection, 'items'>, record: { id: string }): void {
    this.store.put(coll, record);
  }

  /** Records that a note, highlight or relation was removed. */
  unrecord(coll: Exclude<RecordCollection, 'items'>, id: string): void {
    this.store.drop(coll, id);
  }

  /** The registered spellings of `names`, registering (and recording) the new ones. */
  ensureTags(names: readonly string[], now = this.now()): string[] {
    const before = this.data.tags.length;
    const spelled = names.map((n) => ensureTag(this.data, n, now));
    if (this.data.tags.length !== before) this.store.putTags();
    return spelled;
  }

  /** Records a change to the tag registry itself (a rename, a colour, a removal). */
  tagsChanged(): void {
    this.store.putTags();
  }

  /** Removes an item's record and its index entry (the caller removes what hangs off it). */
  forget(id: string): void {
    this.store.drop('items', id);
    this.searchIndex?.remove(id);
  }

  /** Resolves once every change so far is durable on disk. */
  durable(): Promise<void> {
    return this.store.readOnly ? Promise.resolve() : this.store.durable();
  }

  async flush(): Promise<void> {
    await Promise.all([this.durable(), this.searchIndex?.flush()]);
  }

  /** What the search index knows of every item. */
  private searchMetas(): SearchMeta[] {
    // Notes and highlights grouped once: asking each item for its own would scan them all per item.
    const notes = groupBy(this.data.notes, (n) => n.itemId, byCreated);
    const highlights = groupBy(this.data.highlights, (h) => h.itemId, byStart);
    return this.data.items.map((item) =>
      this.searchMeta(item, notes.get(item.id) ?? [], highlights.get(item.id) ?? []),
    );
  }

  private async openIndex(metas: SearchMeta[] | ItemColumns = this.searchMetas()): Promise<void> {
    this.searchIndex = await openSearchIndex({
      dir: this.store.indexDir,
      contentDir: this.store.contentDir,
      metas,
      readOnly: this.store.readOnly,
      warmUp: this.warmUp,
    });
  }

  /** Opens the search index again over the items as they are now; `discard` rebuilds it from scratch. */
  async reopenIndex(options: { discard?: boolean } = {}): Promise<void> {
    const old = this.searchIndex;
    this.searchIndex = null;
    await old?.close();
    if (options.discard && !this.store.readOnly) await fs.rm(this.store.indexDir, { recursive: true, force: true });
    await this.openIndex();
  }

  /** Replaces everything the archive holds (a restore); the caller re-opens the index. */
  replaceAll(next: Omit<ArchiveData, 'version' | 'seq'>): void {
    const data = this.data;
    data.items = next.items;
    data.tags = next.tags;
    data.notes = next.notes;
    data.highlights = next.highlights;
    data.relations = next.relations;
    data.settings = next.settings;
    this.store.reset();
  }

  async close(): Promise<void> {
    try {
      await this.backups?.stop();
      await this.searchIndex?.close();
    } finally {
      // Once every edit is durable, under the lock: the next reader searches without reading dossier.json.
      // With where the index holds each item live, so that the reader need not work it out.
      const layout = this.searchIndex?.storedLayout() ?? null;
      await this.store.close(() => writeCatalog(this.store, () => this.searchMetas(), layout).catch(() => undefined));
    }
  }
}

/** An item's notes in the order they were written; its highlights in the order of the text. */
const byCreated = (a: Note, b: Note) => a.created.localeCompare(b.created);
const byStart = (a: Highlight, b: Highlight) => a.start - b.start;

/** `list` grouped by `key`, each group sorted by `order`. */
function groupBy<T>(list: readonly T[], key: (value: T) => string, order: (a: T, b: T) => number): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of list) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  for (const group of groups.values()) group.sort(order);
  return groups;
}

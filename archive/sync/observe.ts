// Turns local edits into sync operations by comparing what the archive holds with the view
// the merge state last produced (which is what the archive held after the last round): a
// record the view lacks is written whole, a changed field is one operation, a tag is one
// set member, a record the archive lost is a tombstone. Each operation names the stamp it
// replaced, so a concurrent write elsewhere is recognised as a conflict, not an overwrite.

import type { ArchiveData, Item } from '../core/model';
import { cachedTagKey as tagKey } from './tag-key';
import { canonicalUrl } from '../interop/canonical-url';
import { fieldOf, sameValue, GONE, WHOLE, type EntityMap, type SyncOp } from './crdt';
import type { HybridClock } from './hlc';
import { ITEM_FIELDS, sameItem, type Files, type SyncItem, type SyncView } from './view';

/** What recognises the same article imported on two machines: its canonical URL, else its text. */
export function sameArticleKey(item: Pick<Item, 'url' | 'textHash'>): string | null {
  if (item.url) {
    try {
      return `u:${canonicalUrl(item.url)}`;
    } catch {
      return `u:${item.url}`;
    }
  }
  return item.textHash ? `h:${item.textHash}` : null;
}

export type SyncedData = Pick<ArchiveData, 'items' | 'notes' | 'highlights' | 'relations' | 'tags' | 'settings'>;

/**
 * Which records changed since the last round, by the store's keys (`items:<id>`, `notes:<id>`,
 * `tags`, `settings`, `reset`), when the caller watched them all; null: compare everything.
 */
export type Dirty = ReadonlySet<string> | null;

/**
 * The operations that bring the merge state up to the archive's content. `filesOf` hashes an
 * item's files; it is asked only for items that are new or changed (every body change
 * restamps its item), so a round with nothing to do reads no file. With `dirty`, only the
 * records named there are compared (the registry and settings, being small, always are).
 */
export function observe(
  data: SyncedData,
  view: SyncView,
  entities: EntityMap,
  clock: HybridClock,
  filesOf: (item: Item) => Files,
  dirty: Dirty = null,
): SyncOp[] {
  const ops: SyncOp[] = [];
  const stampOf = (entity: string, field: string) =>
    entities.get(entity) ? (fieldOf(entities.get(entity)!, field)?.s ?? '') : '';
  const write = (e: string, f: string, v: unknown, b: string) => ops.push({ s: clock.tick(), b, e, f, v });
  const full = dirty === null || dirty.has('reset');
  const dirtyIds = (coll: string) => {
    const prefix = `${coll}:`;
    return [...(dirty as ReadonlySet<string>)].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  };

  // Items (a group of same-article items is compared through the id that stands for it).
  const observeItem = (item: Item) => {
    const seen = view.items.get(item.id);
    if (!seen) {
      ops.push({
        s: clock.tick(),
        b: '',
        e: `i:${item.id}`,
        f: WHOLE,
        v: { ...item, files: filesOf(item) },
        k: sameArticleKey(item),
      });
      return;
    }
    if (sameItem(item, seen)) return;
    const members = view.members.get(item.id) ?? [item.id];
    const groupStamp = (field: string) =>
      members.reduce((best, m) => {
        const s = stampOf(`i:${m}`, field);
        return s > best ? s : best;
      }, '');
    let changed = false;
    for (const field of ITEM_FIELDS) {
      if (field === 'files') continue;
      const value = (item as Record<string, unknown>)[field];
      if (!sameValue(value, (seen as Record<string, unknown>)[field])) {
        changed = true;
        write(`i:${item.id}`, field, value, groupStamp(field));
      }
    }
    if (changed) {
      const files = filesOf(item);
      if (!sameValue(files, seen.files)) write(`i:${item.id}`, 'files', files, groupStamp('files'));
    }
    const mine = new Map(item.tags.map((t) => [tagKey(t), t]));
    const theirs = new Map(seen.tags.map((t) => [tagKey(t), t]));
    for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
      const name = mine.get(key) ?? null;
      if (name !== (theirs.get(key) ?? null)) write(`i:${item.id}`, `tag:${key}`, name, groupStamp(`tag:${key}`));
    }
  };
  const itemGone = (id: string) => {
    for (const member of view.members.get(id) ?? [id]) write(`i:${member}`, GONE, true, stampOf(`i:${member}`, GONE));
  };
  if (full) {
    const present = new Set<string>();
    for (const item of data.items) {
      present.add(item.id);
      observeItem(item);
    }
    for (const id of view.items.keys()) if (!present.has(id)) itemGone(id);
  } else {
    const ids = dirtyIds('items');
    const byId = ids.length ? new Map(data.items.map((i) => [i.id, i])) : new Map<string, Item>();
    for (const id of ids) {
      const item = byId.get(id);
      if (item) observeItem(item);
      else if (view.items.has(id)) itemGone(id);
    }
  }

  // Notes, highlights and links: records with ids, compared field by field.
  const collections = [
    ['n', 'notes', data.notes, view.notes],
    ['h', 'highlights', data.highlights, view.highlights],
    ['r', 'relations', data.relations, view.relations],
  ] as const;
  for (const [prefix, coll, records, seenRecords] of collections) {
    const seenMap = seenRecords as Map<string, object>;
    const list = records as ReadonlyArray<{ id: string }>;
    const wanted = full ? null : new Set(dirtyIds(coll));
    if (wanted && wanted.size === 0) continue;
    const ids = new Set<string>();
    for (const record of list) {
      ids.add(record.id);
      if (wanted && !wanted.has(record.id)) continue;
      compareRecord(
        `${prefix}:${record.id}`,
        record as Record<string, unknown>,
        seenMap.get(record.id) as Record<string, unknown> | undefined,
      );
    }
    for (const id of wanted ?? seenMap.keys())
      if (!ids.has(id) && seenMap.has(id)) write(`${prefix}:${id}`, GONE, true, stampOf(`${prefix}:${id}`, GONE));
  }

  // The tag registry, by tag identity, and the settings, by key.
  const tagKeys = new Set<string>();
  for (const tag of data.tags) {
    const key = tagKey(tag.name);
    tagKeys.add(key);
    compareRecord(`t:${key}`, tag, view.tags.get(key));
  }
  for (const key of view.tags.keys()) if (!tagKeys.has(key)) write(`t:${key}`, GONE, true, stampOf(`t:${key}`, GONE));
  for (const [key, value] of Object.entries(data.settings))
    compareRecord(`s:${key}`, { v: value }, view.settings.has(key) ? { v: view.settings.get(key) } : undefined);
  for (const key of view.settings.keys())
    if (!(key in data.settings)) write(`s:${key}`, GONE, true, stampOf(`s:${key}`, GONE));
  return ops;

  function compareRecord(
    entity: string,
    record: Record<string, unknown>,
    seen: Record<string, unknown> | undefined,
  ): void {
    if (!seen) {
      ops.push({ s: clock.tick(), b: '', e: entity, f: WHOLE, v: record });
      return;
    }
    for (const [field, value] of Object.entries(record)) {
      if (field !== 'id' && !sameValue(value, seen[field])) write(entity, field, value, stampOf(entity, field));
    }
  }
}

export type { SyncItem };

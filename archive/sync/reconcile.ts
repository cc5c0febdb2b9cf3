// Brings the archive's data in line with the view: records the view holds are put (in
// place, so references to them stay good), records it lacks are removed, and the caller
// learns exactly what changed so that it can record those changes and re-index them.

import type { Highlight, Item, Note, Relation, Tag } from '../core/model';
import { cachedTagKey as tagKey } from './tag-key';
import { sameValue } from './crdt';
import type { SyncedData } from './observe';
import { sameItem, type Files, type SyncView } from './view';

export interface Reconciled {
  items: { put: Item[]; removed: string[] };
  notes: { put: Note[]; removed: string[] };
  highlights: { put: Highlight[]; removed: string[] };
  relations: { put: Relation[]; removed: string[] };
  tags: boolean;
  settings: boolean;
  /** Items whose files must be (re)written from blobs: id → the files the view says it has. */
  files: Map<string, Files>;
}

export function countChanges(r: Reconciled): number {
  return (
    r.items.put.length +
    r.items.removed.length +
    r.notes.put.length +
    r.notes.removed.length +
    r.highlights.put.length +
    r.highlights.removed.length +
    r.relations.put.length +
    r.relations.removed.length +
    (r.tags ? 1 : 0) +
    (r.settings ? 1 : 0)
  );
}

/**
 * Applies `view` to `data`. `localFiles` says which files each local item holds now; an item
 * whose files differ from the view's is listed in `files` (the caller fetches the blobs).
 */
export function reconcile(data: SyncedData, view: SyncView, localFiles: (id: string) => Files | undefined): Reconciled {
  const out: Reconciled = {
    items: { put: [], removed: [] },
    notes: { put: [], removed: [] },
    highlights: { put: [], removed: [] },
    relations: { put: [], removed: [] },
    tags: false,
    settings: false,
    files: new Map(),
  };
  const items = syncCollection(
    data.items,
    view.items,
    out.items,
    (v) => {
      const { files: _files, ...item } = v;
      return item as Item;
    },
    sameItem,
  );
  if (items) data.items = items;
  for (const [id, v] of view.items) if (!sameValue(localFiles(id), v.files)) out.files.set(id, v.files);
  const notes = syncCollection(data.notes, view.notes, out.notes, (n) => n);
  if (notes) data.notes = notes;
  const highlights = syncCollection(data.highlights, view.highlights, out.highlights, (h) => h);
  if (highlights) data.highlights = highlights;
  const relations = syncCollection(data.relations, view.relations, out.relations, (r) => r);
  if (relations) data.relations = relations;

  // The registry is small; it is kept in tag-key order, the same on every device.
  const tags: Tag[] = [...view.tags.values()].sort((a, b) => (tagKey(a.name) < tagKey(b.name) ? -1 : 1));
  if (!sameValue(tags, data.tags)) {
    data.tags = tags;
    out.tags = true;
  }
  const settings = Object.fromEntries(view.settings);
  if (!sameValue(settings, data.settings)) {
    for (const key of Object.keys(data.settings)) if (!view.settings.has(key)) delete data.settings[key];
    Object.assign(data.settings, settings);
    out.settings = true;
  }
  return out;
}

/** Puts and removes records of one collection; returns a new array only when some were removed. */
function syncCollection<R extends { id: string }, V>(
  records: R[],
  view: Map<string, V>,
  changes: { put: R[]; removed: string[] },
  toRecord: (v: V) => R,
  same: (record: R, v: V) => boolean = (record, v) => sameValue(record, v),
): R[] | null {
  const local = new Map(records.map((r) => [r.id, r]));
  for (const [id, v] of view) {
    const current = local.get(id);
    if (current && same(current, v)) continue;
    const next = toRecord(v);
    if (!current) {
      records.push(next);
      changes.put.push(next);
    } else {
      for (const key of Object.keys(current)) if (!(key in next)) delete (current as Record<string, unknown>)[key];
      Object.assign(current, next);
      changes.put.push(current);
    }
  }
  for (const id of local.keys()) if (!view.has(id)) changes.removed.push(id);
  if (changes.removed.length === 0) return null;
  const removed = new Set(changes.removed);
  return records.filter((r) => !removed.has(r.id));
}

// Applies journal records to a snapshot, in O(records) after one pass to index the
// snapshot's ids. A put replaces a record whole (or adds it), a del removes it: applying a
// record twice gives the same archive as once, which is what lets a snapshot be written
// while edits go on (records after its `seq` are replayed over it on the next open).

import type { ArchiveData } from './model';
import { RECORD_COLLECTIONS, type Change, type JournalRecord, type RecordCollection } from './journal';

interface Keyed {
  id: string;
}

class CollectionReplay {
  private index: Map<string, number> | null = null;
  private readonly dropped = new Set<string>();
  private readonly added = new Map<string, Keyed>();
  private touched = false;

  constructor(private list: Keyed[]) {}

  put(value: Keyed): void {
    this.touched = true;
    this.index ??= new Map(this.list.map((r, i) => [r.id, i]));
    const at = this.index.get(value.id);
    this.dropped.delete(value.id);
    if (at === undefined) {
      this.added.delete(value.id);
      this.added.set(value.id, value);
    } else {
      this.list[at] = value;
    }
  }

  del(id: string): void {
    this.touched = true;
    this.index ??= new Map(this.list.map((r, i) => [r.id, i]));
    if (this.index.has(id)) this.dropped.add(id);
    this.added.delete(id);
  }

  result(): Keyed[] {
    if (!this.touched) return this.list;
    const kept = this.dropped.size ? this.list.filter((r) => !this.dropped.has(r.id)) : this.list;
    return this.added.size ? kept.concat([...this.added.values()]) : kept;
  }
}

/** Replays `records` (those after the snapshot's seq) over `data`, which it changes. */
export function replay(data: ArchiveData, records: JournalRecord[]): ArchiveData {
  let colls = fresh(data);
  for (const record of records) {
    if (record.seq <= data.seq) continue;
    for (const change of record.changes) {
      if (change.op === 'reset') {
        finish(data, colls);
        Object.assign(data, structuredClone(change.value));
        colls = fresh(data);
      } else applyOne(data, colls, change);
    }
    data.seq = record.seq;
  }
  finish(data, colls);
  return data;
}

type Replays = Record<RecordCollection, CollectionReplay>;

function fresh(data: ArchiveData): Replays {
  return Object.fromEntries(RECORD_COLLECTIONS.map((c) => [c, new CollectionReplay(data[c] as Keyed[])])) as Replays;
}

function finish(data: ArchiveData, colls: Replays): void {
  for (const c of RECORD_COLLECTIONS) (data as unknown as Record<string, Keyed[]>)[c] = colls[c].result();
}

function applyOne(data: ArchiveData, colls: Replays, change: Exclude<Change, { op: 'reset' }>): void {
  switch (change.op) {
    case 'put':
      colls[change.coll].put(change.value);
      break;
    case 'del':
      colls[change.coll].del(change.id);
      break;
    case 'tags':
      data.tags = change.value;
      break;
    case 'settings':
      data.settings = change.value;
      break;
  }
}

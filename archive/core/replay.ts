// Applies journal records to a snapshot, in O(records) after one pass to index the
// snapshot's ids. A put replaces a record whole (or adds it), a del removes it: applying a
// record twice gives the same archive as once, which is what lets a snapshot be written
// while edits go on (records after its `seq` are replayed over it on the next open).
// A reader in the background indexes the ids a slice at a time (`replayInTurns`).

import type { ArchiveData } from './model';
import { RECORD_COLLECTIONS, type Change, type JournalRecord, type RecordCollection } from './journal';

interface Keyed {
  id: string;
}

class CollectionReplay {
  private readonly dropped = new Set<string>();
  private readonly added = new Map<string, Keyed>();
  private touched = false;

  constructor(
    private list: Keyed[],
    /** Each record's position in `list` by id, if already made. */
    private index: Map<string, number> | null = null,
  ) {}

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

/** Replays `records` (those after the snapshot's seq) over `data`, which it changes;
 *  `indexes` are the id indexes of some of its collections, made beforehand. */
export function replay(
  data: ArchiveData,
  records: JournalRecord[],
  indexes: Map<RecordCollection, Map<string, number>> = new Map(),
): ArchiveData {
  let colls = fresh(data, indexes);
  for (const record of records) {
    if (record.seq <= data.seq) continue;
    for (const change of record.changes) {
      if (change.op === 'reset') {
        finish(data, colls);
        Object.assign(data, structuredClone(change.value));
        colls = fresh(data, new Map());
      } else applyOne(data, colls, change);
    }
    data.seq = record.seq;
  }
  finish(data, colls);
  return data;
}

/** IDS_PER_TURN ids are indexed between two pauses: a Map of 50,000 items' ids at once
 *  holds the thread for tens of milliseconds. */
const IDS_PER_TURN = 4096;

/** `replay`, indexing the ids of the collections the records change a slice at a time and
 *  awaiting `pause` between slices; `data` must not change until it resolves. */
export async function replayInTurns(
  data: ArchiveData,
  records: JournalRecord[],
  pause: () => Promise<void>,
): Promise<ArchiveData> {
  const changed = new Set<RecordCollection>();
  for (const record of records)
    if (record.seq > data.seq)
      for (const change of record.changes) if (change.op === 'put' || change.op === 'del') changed.add(change.coll);
  const indexes = new Map<RecordCollection, Map<string, number>>();
  for (const coll of changed) {
    const list = data[coll] as Keyed[];
    const index = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      index.set(list[i].id, i);
      if (i % IDS_PER_TURN === IDS_PER_TURN - 1) await pause();
    }
    indexes.set(coll, index);
  }
  return replay(data, records, indexes);
}

type Replays = Record<RecordCollection, CollectionReplay>;

function fresh(data: ArchiveData, indexes: Map<RecordCollection, Map<string, number>>): Replays {
  return Object.fromEntries(
    RECORD_COLLECTIONS.map((c) => [c, new CollectionReplay(data[c] as Keyed[], indexes.get(c) ?? null)]),
  ) as Replays;
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

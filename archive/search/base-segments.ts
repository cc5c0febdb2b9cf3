// The engine's base segments (built in bulk, frozen from the delta, or merged on another
// thread by compaction), stored under the index folder once flushed. Each item is live in at
// most one, and the manifest a write commits names exactly the stored segments and deletions.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, newManifest, readManifest, segmentFile, writeManifest, type SegmentEntry } from './manifest';
import { planCompaction } from './compaction-plan';
import type { MergeJob, MergePart } from './merge-job';
import { Segment, type SegmentData, type StreamData } from './segment';
import type { PositionCache } from './positions';
import { PostingsFile } from './postings-file';
import { postingsArrays } from './postings-arrays';
import type { Placement } from './item-columns';
import type { StoredLayout } from './types';
import { readSegment, storeSegment, storedPositions, streamLoader, type Stored } from './segment-store';

/** The item-table number of the item's current metadata if (id, stamp) is the version a
 *  base segment should hold live, else -1. The engine decides; it knows the pending changes. */
export type CurrentNo = (id: string, stamp: string) => number;

export class BaseSegments {
  private list: Segment[] = [];
  private readonly stored = new Map<Segment, Stored>();
  /** Names of stored segments taken out of service, whose files the next write removes. */
  private readonly dropped = new Set<string>();
  /** Files older than this that no manifest names are left from an earlier session. Newer
   *  unnamed files may be a build's or a merge's, written on a worker and not yet adopted. */
  private readonly openedAt = Date.now();
  /** Where the live copy of each item is; null until first needed after a placed load. */
  private locationMap: Map<string, { seg: Segment; ord: number }> | null = new Map();
  /** The checksum of the manifest last read or written: the name of the state on disk. */
  private manifestCrc: number | null = null;

  constructor(
    private readonly dir: string,
    private readonly currentNo: CurrentNo,
    /** Term positions read from the segments' files, shared by all of them. */
    private readonly positions: PositionCache,
  ) {}

  get segments(): readonly Segment[] {
    return this.list;
  }

  /** Where the live copy of each item is, mapped from the live flags when first needed
   *  (a load that knew each item's copy from the catalog's placement skips it). */
  private get location(): Map<string, { seg: Segment; ord: number }> {
    if (!this.locationMap) {
      const map = new Map<string, { seg: Segment; ord: number }>();
      for (const seg of this.list)
        for (let d = 0; d < seg.size; d++) if (seg.alive[d]) map.set(seg.ids[d], { seg, ord: d });
      this.locationMap = map;
    }
    return this.locationMap;
  }

  locate(id: string): { seg: Segment; ord: number } | undefined {
    return this.location.get(id);
  }

  holds(id: string): boolean {
    return this.location.has(id);
  }

  /** Marks the item's live copy deleted; says whether there was one. */
  kill(id: string): boolean {
    const loc = this.location.get(id);
    if (!loc) return false;
    loc.seg.alive[loc.ord] = 0;
    this.location.delete(id);
    return true;
  }

  /** Lets go of postings read from the segments' files once they hold more than `share`
   *  of them, the segments holding most first, down to half that: the terms queries keep
   *  asking for stay, and a ranking that read most of the files (related items reads every
   *  term of an item) does not leave them all resident. Only between rankings. */
  trimPostings(share: number): void {
    const postings = this.postings();
    const all = postings.all;
    let held = postings.held;
    if (held <= share * all) return;
    for (const seg of [...this.list].sort((a, b) => b.residentPostings() - a.residentPostings())) {
      if (held <= (share / 2) * all) break;
      held -= seg.residentPostings();
      seg.releasePostings();
    }
  }

  /** Bytes of postings read from the segments' files and held, and what all of them take. */
  postings(): { held: number; all: number } {
    let held = 0;
    let all = 0;
    for (const seg of this.list) {
      held += seg.residentPostings();
      all += seg.postingsBytes();
    }
    return { held, all };
  }

  clear(): void {
    this.list = [];
    for (const st of this.stored.values()) this.dropped.add(st.name);
    this.stored.clear();
    this.locationMap = new Map();
    this.manifestCrc = null;
  }

  /**
   * Loads the persisted segments; false when there are none or they cannot be trusted (with
   * a sentence for the user in `notices` when there were some). 'repaired' when an item was
   * live in two segments and the older copy was dropped. 'placed' when `placed` (the
   * catalog's placement, its items numbered from `first`) is of this very manifest: every
   * live copy then already points at its item, and there is nothing to reconcile.
   */
  async load(
    notices: string[],
    placed: { placement: Placement; first: number; count: number } | null = null,
  ): Promise<false | 'ok' | 'repaired' | 'placed'> {
    const manifest = await readManifest(this.dir);
    if (manifest === 'other-version') {
      notices.push('The search index was made by another version of Dossier, and was rebuilt for this one.');
      return false;
    }
    if (!manifest) {
      if (await exists(path.join(this.dir, MANIFEST_FILE))) {
        notices.push('The search index could not be read and was rebuilt.');
      }
      return false;
    }
    try {
      const segs = await Promise.all(
        manifest.segments.map(async (e) => {
          const seg = await readSegment(this.dir, e, this.positions);
          for (const d of e.dead) if (d >= 0 && d < seg.size) seg.alive[d] = 0;
          this.stored.set(seg, { name: e.name, crc: e.crc, streamCrc: e.streamCrc });
          return seg;
        }),
      );
      this.list = segs;
    } catch {
      this.stored.clear();
      notices.push('The search index was damaged and was rebuilt.');
      return false;
    }
    this.manifestCrc = manifest.crc;
    if (placed && placed.placement.manifestCrc === manifest.crc && this.place(placed)) return 'placed';
    let repaired = false;
    const location = new Map<string, { seg: Segment; ord: number }>();
    for (const seg of this.list) {
      for (let d = 0; d < seg.size; d++) {
        if (!seg.alive[d]) continue;
        const prev = location.get(seg.ids[d]);
        if (prev) {
          prev.seg.alive[prev.ord] = 0;
          repaired = true;
        }
        location.set(seg.ids[d], { seg, ord: d });
      }
    }
    this.locationMap = location;
    return repaired ? 'repaired' : 'ok';
  }

  /** Points every live copy at its item as the placement says; false (changing nothing)
   *  when the placement does not fit the segments or places an item twice. */
  private place({ placement, first, count }: { placement: Placement; first: number; count: number }): boolean {
    const held = new Uint8Array(count);
    const at = this.list.map((seg) => placement.segments.get(this.stored.get(seg)!.name));
    for (const [k, seg] of this.list.entries()) {
      const items = at[k];
      if (!items || items.length !== seg.size) return false;
      for (let d = 0; d < seg.size; d++) {
        const i = items[d];
        if (i < -1 || i >= count || (i >= 0 && held[i]++)) return false;
      }
    }
    for (const [k, seg] of this.list.entries()) {
      const items = at[k]!;
      for (let d = 0; d < seg.size; d++) {
        if (items[d] < 0) seg.alive[d] = 0;
        else if (seg.alive[d]) seg.nos[d] = first + items[d];
      }
    }
    this.locationMap = null;
    return true;
  }

  /** The stored segments as the manifest last read or written names them, with their live
   *  flags; null when a segment is not stored or no manifest was written since a change. */
  storedLayout(): StoredLayout | null {
    if (this.manifestCrc === null || !this.list.every((seg) => this.stored.has(seg))) return null;
    return {
      manifestCrc: this.manifestCrc,
      segments: this.list.map((seg) => ({ name: this.stored.get(seg)!.name, ids: seg.ids, alive: seg.alive })),
    };
  }

  /** 1 for every item-table number a live copy points at (the others need indexing). */
  held(size: number): Uint8Array {
    const held = new Uint8Array(size);
    for (const seg of this.list)
      for (let d = 0; d < seg.size; d++) if (seg.alive[d] && seg.nos[d] >= 0) held[seg.nos[d]] = 1;
    return held;
  }

  /** After a load, keeps live only the copies that are still current, pointing them at
   *  their item's current metadata. Says whether any copy was deleted. */
  reconcile(): boolean {
    let killed = false;
    for (const [id, loc] of this.location) {
      const no = this.currentNo(id, loc.seg.stamps[loc.ord]);
      if (no < 0) killed = this.kill(id) || killed;
      else loc.seg.nos[loc.ord] = no;
    }
    return killed;
  }

  /** Takes a freshly built segment in, keeping only the items it holds the current version of.
   *  A stored one may come without its term positions (they are read from its file). */
  adopt(built: { data: SegmentData; stream: StreamData | null }, stored: Stored | null = null): Segment {
    if (!built.stream && !stored) throw new Error('a segment never stored needs its term positions');
    // A segment just written reads its postings from its file by block, as one opened does.
    const postings = stored?.postings;
    const total = built.data.offsets[built.data.offsets.length - 1];
    const data = postings ? { ...built.data, ...postingsArrays(total) } : built.data;
    const seg = new Segment(data, built.stream);
    seg.spans.compact();
    if (stored && postings)
      seg.readPostingsFrom(new PostingsFile(segmentFile(this.dir, stored.name), postings, data.docs, data.tfs));
    for (let d = 0; d < seg.size; d++) {
      const id = seg.ids[d];
      const no = this.location.has(id) ? -1 : this.currentNo(id, seg.stamps[d]);
      if (no < 0) {
        seg.alive[d] = 0;
        continue;
      }
      this.location.set(id, { seg, ord: d });
      seg.nos[d] = no;
    }
    this.list.push(seg);
    if (stored) {
      this.stored.set(seg, stored);
      seg.releaseStream(streamLoader(this.dir, stored), storedPositions(this.dir, stored, seg, this.positions));
    }
    return seg;
  }

  /** Drops segments with no live item left, and says what one compaction step should merge
   *  (null when nothing pays) as a job another thread can run: the segments stay in service
   *  meanwhile. `changed` says whether dropping changed the set. */
  planCompaction(small: number): { changed: boolean; group: Segment[]; job: Omit<MergeJob, 'id'> | null } {
    const { empty, group } = planCompaction(this.list, small);
    if (empty.length) {
      const drop = new Set(empty);
      this.list = this.list.filter((s) => !drop.has(s));
      for (const s of empty) this.forget(s);
    }
    const changed = empty.length > 0;
    if (group.length === 0) return { changed, group, job: null };
    // Stored parts travel as file names; only a segment never written (a frozen delta, a
    // build whose files failed) is copied into the message.
    const parts: MergePart[] = group.map((seg) => {
      const alive = seg.alive.slice();
      const stored = this.stored.get(seg);
      return stored ? { stored, docs: seg.size, alive } : { data: seg.writableData(), stream: seg.stream(), alive };
    });
    return { changed, group, job: { kind: 'merge', dir: this.dir, parts } };
  }

  /** Puts a merged segment in place of the segments it was made from, in one synchronous
   *  step, so a query sees either all the old segments or the new one. Items edited or
   *  deleted while the merge ran stay dead in it. False (and the result is dropped, its
   *  files left as strays) when the set changed meanwhile, say by a rebuild. */
  replaceMerged(
    group: Segment[],
    merged: { data: SegmentData; stream: StreamData | null },
    stored: Stored | null,
  ): boolean {
    if (!group.every((s) => this.list.includes(s))) return false;
    const drop = new Set(group);
    this.list = this.list.filter((s) => !drop.has(s));
    for (const s of group) this.forget(s);
    for (const s of group) {
      for (let d = 0; d < s.size; d++) {
        if (s.alive[d] && this.location.get(s.ids[d])?.seg === s) this.location.delete(s.ids[d]);
      }
    }
    this.adopt(merged, stored);
    return true;
  }

  /** Writes new segments, then the manifest (the commit point), then removes old files.
   *  Segments may be adopted or items killed while it waits on the disk. */
  async write(): Promise<void> {
    const dir = this.dir;
    const entries: SegmentEntry[] = [];
    for (const seg of [...this.list]) {
      let s = this.stored.get(seg);
      if (!s) {
        s = await storeSegment(dir, seg.writableData(), seg.stream());
        this.stored.set(seg, s);
        // Once on disk, term positions are read back by term when a phrase needs them.
        seg.releaseStream(streamLoader(dir, s), storedPositions(dir, s, seg, this.positions));
      }
      entries.push({ name: s.name, docs: seg.size, crc: s.crc, streamCrc: s.streamCrc, dead: [] });
    }
    // Deleted ordinals are read last, so the manifest carries every deletion made so far.
    const live = this.list.filter((seg) => this.stored.has(seg));
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const seg of live) {
      const e = byName.get(this.stored.get(seg)!.name)!;
      for (let d = 0; d < seg.size; d++) if (!seg.alive[d]) e.dead.push(d);
    }
    this.manifestCrc = null;
    // (The engine knows whether anything changed while it was written: see Engine.storedLayout.)
    this.manifestCrc = await writeManifest(
      dir,
      newManifest(live.map((seg) => byName.get(this.stored.get(seg)!.name)!)),
    );
    await this.removeStrayFiles(new Set(live.map((seg) => this.stored.get(seg)!.name)));
  }

  /** Takes a segment out of service: its files go at the next write. */
  private forget(seg: Segment): void {
    const st = this.stored.get(seg);
    if (st) this.dropped.add(st.name);
    this.stored.delete(seg);
  }

  /** Removes the files of segments taken out of service, and files from an earlier session
   *  that no manifest names; never a file a build or merge still running may have written. */
  private async removeStrayFiles(keep: Set<string>): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return;
    }
    const current = new Set([...keep, ...[...this.stored.values()].map((st) => st.name)]);
    const removable = async (file: string, name: string): Promise<boolean> => {
      if (current.has(name)) return false;
      if (this.dropped.has(name)) return true;
      try {
        return (await fs.stat(file)).mtimeMs < this.openedAt;
      } catch {
        return false;
      }
    };
    await Promise.all(
      names
        .filter((n) => /\.(seg|pos)$/.test(n))
        .map(async (n) => {
          const file = path.join(this.dir, n);
          if (await removable(file, n.replace(/\.(seg|pos)$/, ''))) await fs.rm(file, { force: true }).catch(() => {});
        }),
    );
    for (const name of [...this.dropped]) if (!current.has(name)) this.dropped.delete(name);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

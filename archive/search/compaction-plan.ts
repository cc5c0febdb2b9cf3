// Chooses what one compaction step merges: small segments together, and any segment that is
// mostly deleted items (alone if need be), so segments stay few and dead items do not pile
// up. A step never reads more than MAX_SEGMENT_DOCS items, which bounds a merge's memory.

import { MAX_SEGMENT_DOCS, type Segment } from './segment';

export interface CompactionPlan {
  /** Segments with no live item left: dropped without a merge. */
  empty: Segment[];
  /** Segments to merge into one (none when nothing pays). */
  group: Segment[];
}

export function planCompaction(segments: readonly Segment[], small: number): CompactionPlan {
  const live = new Map(segments.map((s) => [s, s.liveCount()]));
  const empty = segments.filter((s) => live.get(s) === 0);
  const halfDead = (s: Segment) => live.get(s)! < s.size / 2;
  const candidates = segments
    .filter((s) => live.get(s)! > 0 && (s.size < small || halfDead(s)))
    .sort((a, b) => live.get(a)! - live.get(b)!);
  const group: Segment[] = [];
  // Items read (dead ones included) and items written are both capped, so a worker holds at
  // most about two full segments however large the archive grows.
  let read = 0;
  let written = 0;
  for (const s of candidates) {
    if (written + live.get(s)! > MAX_SEGMENT_DOCS || read + s.size > MAX_SEGMENT_DOCS) break;
    group.push(s);
    read += s.size;
    written += live.get(s)!;
  }
  // One segment alone is rewritten only to shed its deleted items; a lone small one gains nothing.
  if (group.length === 1 && !halfDead(group[0])) group.length = 0;
  return { empty, group };
}

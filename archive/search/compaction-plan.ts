// Chooses what one compaction step merges: small segments in tiers, a few of about the same
// size at once, and any segment that is mostly deleted items (alone), so segments stay few,
// dead items do not pile up, and no step rewrites a large segment to take in a small one. A
// step reads one segment, or small ones adding up to less than two small segments (and never
// more than a segment holds), which bounds a merge's memory.

import { MAX_SEGMENT_DOCS, type Segment } from './segment';

export interface CompactionPlan {
  /** Segments with no live item left: dropped without a merge. */
  empty: Segment[];
  /** Segments to merge into one (none when nothing pays). */
  group: Segment[];
}

/**
 * Small segments of about one size are merged once there are this many. Merging whenever
 * two small segments stood side by side (as before) rewrote the largest small one each time
 * a frozen delta of 64 items joined it: an item was rewritten once per 64 edits after it,
 * and each merge read the whole growing segment (a worker held some 66 MB to take in 291
 * items beside 2,009). In tiers, an item is rewritten about log4(small / 64) times, three on
 * its way to 4,000, and a merge reads the few segments of one tier (fewer than four once
 * together they are no longer small).
 */
export const FAN_IN = 4;
/** Segments below this many live items count as this size: frozen deltas and the last few
 *  items written at close are one tier, whatever their exact size. */
export const TIER_FLOOR = 64;

export function planCompaction(segments: readonly Segment[], small: number): CompactionPlan {
  const live = new Map(segments.map((s) => [s, s.liveCount()]));
  const empty = segments.filter((s) => live.get(s) === 0);
  const halfDead = (s: Segment) => live.get(s)! < s.size / 2;
  const bySize = (a: Segment, b: Segment) => live.get(a)! - live.get(b)!;

  // A segment mostly deleted is rewritten alone, the smallest first: it reads one segment.
  const shedding = segments.filter((s) => live.get(s)! > 0 && halfDead(s)).sort(bySize);
  if (shedding.length) return { empty, group: [shedding[0]] };

  // Small ones merge by tier: from the smallest, those at most FAN_IN times its size (the
  // floor for tiny ones), once FAN_IN of them are there, or fewer once together they make a
  // segment that is no longer small. A tier stops growing there, so a merge reads less than
  // two small segments' worth of items however many are waiting (an import's builds of
  // 2,000 items merge in pairs, not in fours of 8,000).
  const smallOnes = segments.filter((s) => live.get(s)! > 0 && s.size < small).sort(bySize);
  for (let i = 0; i + 1 < smallOnes.length; i++) {
    const ceiling = FAN_IN * Math.max(live.get(smallOnes[i])!, TIER_FLOOR);
    const tier: Segment[] = [];
    let read = 0;
    for (let j = i; j < smallOnes.length && live.get(smallOnes[j])! <= ceiling && read < small; j++) {
      if (read + smallOnes[j].size > MAX_SEGMENT_DOCS) break;
      tier.push(smallOnes[j]);
      read += smallOnes[j].size;
    }
    if (tier.length >= FAN_IN || (tier.length > 1 && read >= small)) return { empty, group: tier };
  }
  return { empty, group: [] };
}

// Ranks items where the query's words stand together above items where they are scattered:
// among the best-scored matches, each pair of neighbouring query words found at most one
// word further apart than typed raises the item's score a little.

import { docIndex, type TermPositions } from './positions';
import type { Segment } from './segment';
import { selectTopByKey } from './top';

/** How much an item whose every pair of query words stands together gains. */
export const PROXIMITY = 0.35;
/** Only the best matches are re-ranked: positions cost a lookup per word and item. */
const CANDIDATES = 200;

export type Sequence = Map<string, Array<{ term: string; qpos: number }>>;

/** Raises `scores` of the best of `slots[0..count)` by how many neighbouring query words
 *  stand together in them. */
export function proximityBoost(
  slots: Int32Array,
  count: number,
  scores: Float64Array,
  segs: Segment[],
  sequence: Sequence,
): void {
  let any = false;
  for (const s of sequence.values()) if (s.length >= 2) any = true;
  if (!any || count === 0) return;
  const top = selectTopByKey(count, CANDIDATES, scores, slots, (a, b) => scores[slots[b]] - scores[slots[a]]);
  // Each (segment, term)'s positions are looked up once per query, not once per candidate.
  const termCache = new Map<Segment, Map<string, TermPositions | null>>();
  for (const i of top) {
    const slot = slots[i];
    let seg = segs[0];
    for (const s of segs) if (slot >= s.base && slot < s.base + s.size) seg = s;
    const d = slot - seg.base;
    const seq = sequence.get(seg.languageOf(d));
    if (!seq || seq.length < 2) continue;
    let ords = termCache.get(seg);
    if (!ords) termCache.set(seg, (ords = new Map()));
    let pairs = 0;
    let together = 0;
    for (let k = 0; k + 1 < seq.length; k++) {
      const gap = seq[k + 1].qpos - seq[k].qpos;
      if (gap <= 0 || seq[k].term === seq[k + 1].term) continue;
      pairs++;
      const a = positions(seg, ords, seq[k].term);
      const b = positions(seg, ords, seq[k + 1].term);
      if (a && b && near(a, docIndex(a, d), b, docIndex(b, d), gap + 1)) together++;
    }
    if (pairs > 0 && together > 0) scores[slot] *= 1 + (PROXIMITY * together) / pairs;
  }
}

/** A term's positions in a segment (null: not in it), looked up once per query. */
function positions(seg: Segment, cache: Map<string, TermPositions | null>, term: string): TermPositions | null {
  let p = cache.get(term);
  if (p === undefined) {
    const o = seg.find(term);
    cache.set(term, (p = o >= 0 ? seg.termPositions(o) : null));
  }
  return p;
}

/** Whether, in one item (index ia of a's items, ib of b's; -1: absent), some position of b
 *  follows some position of a by 1..max (both ascending). Reads the ranges in place. */
function near(a: TermPositions, ia: number, b: TermPositions, ib: number, max: number): boolean {
  if (ia < 0 || ib < 0) return false;
  const pa = a.positions;
  const pb = b.positions;
  const endA = a.starts[ia + 1];
  const endB = b.starts[ib + 1];
  let j = b.starts[ib];
  for (let i = a.starts[ia]; i < endA; i++) {
    const x = pa[i];
    while (j < endB && pb[j] <= x) j++;
    if (j < endB && pb[j] - x <= max) return true;
  }
  return false;
}

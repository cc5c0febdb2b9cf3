// Finds the items whose title, body or notes hold a phrase's terms at consecutive positions.
// Candidates come from the positional postings (items holding every term), and each is
// checked from its rarest term, so the cost follows how often the terms occur, not item length.

import type { Segment } from './segment';

/** Per position: the terms it may take (null: any word). */
export type PhrasePattern = Array<string[] | null>;

/** Marks in `out` the slots holding the pattern at consecutive positions; false when the
 *  pattern is empty. Stop words are terms with positions, so "Take That" needs "that". */
export function phraseMatches(input: PhrasePattern, segments: Segment[], total: number, stamp: Int32Array, count: Uint8Array, out: Uint8Array): boolean {
  const pattern = [...input];
  while (pattern.length && pattern[0] === null) pattern.shift();
  while (pattern.length && pattern[pattern.length - 1] === null) pattern.pop();
  if (pattern.length === 0) return false;
  // `stamp` marks which phrase word last counted a slot (negative, unlike clause stamps);
  // it is cleared afterwards, which earlier clauses no longer need. Matches are OR-ed into `out`.
  // `count` (how many of the pattern's words each slot holds) is working space.
  count.fill(0, 0, total);
  const needed = pattern.filter((p) => p !== null).length;
  for (const seg of segments) {
    const ords: Array<number[] | null> = pattern.map((p) => (p ? p.map((t) => seg.find(t)).filter((o) => o >= 0) : null));
    if (ords.some((o) => o !== null && o.length === 0)) continue;
    const pos = seg.stream();
    let k = 0;
    const candidates: number[] = [];
    for (const o of ords) {
      if (!o) continue;
      k++;
      for (const t of o) {
        for (let i = pos.termOffsets[t]; i < pos.termOffsets[t + 1]; i++) {
          const d = pos.docs[i];
          const slot = seg.base + d;
          if (stamp[slot] === -k) continue;
          stamp[slot] = -k;
          if (++count[slot] === needed && seg.alive[d]) candidates.push(d);
        }
      }
    }
    // Candidates ascend, and so does each word's list of items: walk them side by side.
    candidates.sort((x, y) => x - y);
    const single = ords.map((o) => (o && o.length === 1 ? o[0] : -1));
    const cursor = single.map((t) => (t >= 0 ? pos.termOffsets[t] : 0));
    const lists: Array<Uint32Array[] | null> = ords.map((o) => (o ? [] : null));
    for (const d of candidates) {
      let anchor = -1;
      let fewest = Infinity;
      for (let j = 0; j < ords.length; j++) {
        const o = ords[j];
        if (!o) continue;
        const l = lists[j]!;
        l.length = 0;
        if (single[j] >= 0) {
          let i = cursor[j];
          while (pos.docs[i] < d) i++;
          cursor[j] = i;
          l.push(pos.positions.subarray(pos.starts[i], pos.starts[i + 1]));
        } else {
          for (const t of o) l.push(seg.positionsOf(t, d));
        }
        let n = 0;
        for (const x of l) n += x.length;
        if (n < fewest) {
          fewest = n;
          anchor = j;
        }
      }
      search: for (const list of lists[anchor]!) {
        for (let i = 0; i < list.length; i++) {
          const start = list[i] - anchor;
          if (start < 0) continue;
          let ok = true;
          for (let j = 0; j < lists.length && ok; j++) {
            const l = lists[j];
            if (j === anchor || !l) continue;
            ok = false;
            for (const x of l) if (contains(x, start + j)) ok = true;
          }
          if (ok) {
            out[seg.base + d] = 1;
            break search;
          }
        }
      }
    }
  }
  stamp.fill(0, 0, total);
  return true;
}

function contains(sorted: Uint32Array, v: number): boolean {
  if (sorted.length < 8) {
    for (let i = 0; i < sorted.length; i++) if (sorted[i] === v) return true;
    return false;
  }
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

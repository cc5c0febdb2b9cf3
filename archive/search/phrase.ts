// Finds the items whose title, body or notes hold a phrase's terms at consecutive positions.
// Candidates come from the positional postings (items holding every term), and each is
// checked from its rarest term, so the cost follows how often the terms occur, not item length.

import type { TermPositions } from './positions';
import type { Segment } from './segment';

/** Per position: the terms it may take (null: any word). */
export type PhrasePattern = Array<string[] | null>;

/** Marks in `out` the slots holding the pattern at consecutive positions; false when the
 *  pattern is empty. Stop words are terms with positions, so "Take That" needs "that". */
export function phraseMatches(
  input: PhrasePattern,
  segments: Segment[],
  total: number,
  stamp: Int32Array,
  count: Uint8Array,
  out: Uint8Array,
): boolean {
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
    const ords: Array<number[] | null> = pattern.map((p) =>
      p ? p.map((t) => seg.find(t)).filter((o) => o >= 0) : null,
    );
    if (ords.some((o) => o !== null && o.length === 0)) continue;
    // Only the phrase's own terms' positions are read (a stored segment reads them by term).
    const terms: Array<TermPositions[] | null> = ords.map((o) => (o ? o.map((t) => seg.termPositions(t)) : null));
    let k = 0;
    const candidates: number[] = [];
    for (const tl of terms) {
      if (!tl) continue;
      k++;
      for (const tp of tl) {
        for (let i = 0; i < tp.docs.length; i++) {
          const d = tp.docs[i];
          const slot = seg.base + d;
          if (stamp[slot] === -k) continue;
          stamp[slot] = -k;
          if (++count[slot] === needed && seg.alive[d]) candidates.push(d);
        }
      }
    }
    // Candidates ascend, and so does each word's list of items: walk them side by side.
    candidates.sort((x, y) => x - y);
    const cursor = terms.map((tl) => new Int32Array(tl ? tl.length : 0));
    // The candidate's positions of each alternative term, as a range [lo, hi) of that term's
    // positions array (empty when the candidate lacks it): no view is made per candidate.
    const lo = terms.map((tl) => new Int32Array(tl ? tl.length : 0));
    const hi = terms.map((tl) => new Int32Array(tl ? tl.length : 0));
    for (const d of candidates) {
      let anchor = -1;
      let fewest = Infinity;
      for (let j = 0; j < terms.length; j++) {
        const tl = terms[j];
        if (!tl) continue;
        const cur = cursor[j];
        let n = 0;
        for (let x = 0; x < tl.length; x++) {
          const tp = tl[x];
          let i = cur[x];
          while (i < tp.docs.length && tp.docs[i] < d) i++;
          cur[x] = i;
          if (i < tp.docs.length && tp.docs[i] === d) {
            lo[j][x] = tp.starts[i];
            hi[j][x] = tp.starts[i + 1];
            n += hi[j][x] - lo[j][x];
          } else lo[j][x] = hi[j][x] = 0;
        }
        if (n < fewest) {
          fewest = n;
          anchor = j;
        }
      }
      const at = terms[anchor]!;
      search: for (let x = 0; x < at.length; x++) {
        const list = at[x].positions;
        for (let i = lo[anchor][x]; i < hi[anchor][x]; i++) {
          const start = list[i] - anchor;
          if (start < 0) continue;
          let ok = true;
          for (let j = 0; j < terms.length && ok; j++) {
            const tl = terms[j];
            if (j === anchor || !tl) continue;
            ok = false;
            for (let y = 0; y < tl.length && !ok; y++)
              if (contains(tl[y].positions, lo[j][y], hi[j][y], start + j)) ok = true;
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

/** Whether sorted[lo .. hi) holds v. */
function contains(sorted: Uint32Array, lo: number, hi: number, v: number): boolean {
  if (hi - lo < 8) {
    for (let i = lo; i < hi; i++) if (sorted[i] === v) return true;
    return false;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

// Finds the items whose title, body or notes hold a phrase's terms at consecutive positions.
// Candidates come from the positional postings (items holding every term), and each is
// checked from its rarest term, so the cost follows how often the terms occur, not item length.

import type { TermPositions } from './positions';
import type { Segment } from './segment';

/** Per position: the terms it may take (null: any word). */
export type PhrasePattern = Array<string[] | null>;

/** Marks in `out` the slots holding the pattern at consecutive positions, a segment per
 *  step; false when the pattern is empty. Stop words are terms with positions, so
 *  "Take That" needs "that". */
export function* phraseMatches(
  input: PhrasePattern,
  segments: Segment[],
  total: number,
  stamp: Int32Array,
  count: Uint8Array,
  out: Uint8Array,
): Generator<void, boolean> {
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
    yield;
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
    // Every position's alternative terms in one flat list: position j's are
    // flat[first[j] .. first[j + 1]). Per alternative, a cursor into its items and the
    // candidate's positions as a range [lo, hi) of its positions array (empty when the
    // candidate lacks it): flat typed arrays, so no view or array is made per candidate.
    const first = new Int32Array(terms.length + 1);
    const flat: TermPositions[] = [];
    for (let j = 0; j < terms.length; j++) {
      first[j] = flat.length;
      for (const tp of terms[j] ?? []) flat.push(tp);
    }
    first[terms.length] = flat.length;
    const cursor = new Int32Array(flat.length);
    const lo = new Int32Array(flat.length);
    const hi = new Int32Array(flat.length);
    for (let c = 0; c < candidates.length; c++) {
      const d = candidates[c];
      let anchor = -1;
      let fewest = Infinity;
      for (let j = 0; j < terms.length; j++) {
        if (!terms[j]) continue;
        let n = 0;
        for (let x = first[j]; x < first[j + 1]; x++) {
          const tp = flat[x];
          let i = cursor[x];
          while (i < tp.docs.length && tp.docs[i] < d) i++;
          cursor[x] = i;
          if (i < tp.docs.length && tp.docs[i] === d) {
            lo[x] = tp.starts[i];
            hi[x] = tp.starts[i + 1];
            n += hi[x] - lo[x];
          } else lo[x] = hi[x] = 0;
        }
        if (n < fewest) {
          fewest = n;
          anchor = j;
        }
      }
      search: for (let x = first[anchor]; x < first[anchor + 1]; x++) {
        const list = flat[x].positions;
        for (let i = lo[x]; i < hi[x]; i++) {
          const start = list[i] - anchor;
          if (start < 0) continue;
          let ok = true;
          for (let j = 0; j < terms.length && ok; j++) {
            if (j === anchor || !terms[j]) continue;
            ok = false;
            for (let y = first[j]; y < first[j + 1] && !ok; y++)
              if (contains(flat[y].positions, lo[y], hi[y], start + j)) ok = true;
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

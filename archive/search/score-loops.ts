// The inner loops of BM25F scoring, over a query's working arrays (Scratch): each walks
// one run of typed arrays (a term's postings in one field of one segment, a slice of the
// touched slots, a slice of all slots) and returns where it got to, so that the scorer
// (scorer.ts) can end a step between two calls. They allocate nothing.

import { F } from './fields';
import type { Segment } from './segment';

export const K1 = 1.2;
const B = 0.75;
/** About this many postings are walked between the points where the caller may pause. */
export const STEP_POSTINGS = 4096;

/**
 * Per-slot working arrays, reused from query to query: allocating them afresh costs more
 * (and feeds the garbage collector more) than clearing them at 50,000 items.
 */
export class Scratch {
  private size = 0;
  scores = new Float64Array(0);
  tfw = new Float64Array(0);
  touched = new Int32Array(0);
  seen = new Int32Array(0);
  reqHits = new Uint16Array(0);
  banned = new Uint8Array(0);
  matched = new Uint8Array(0);
  /** `matched` read four slots at a time, to skip the long runs of slots nothing matched. */
  matchedWords = new Uint32Array(0);
  alive = new Uint8Array(0);
  verified = new Uint8Array(0);
  slots = new Int32Array(0);
  best = new Float64Array(0);
  bestTouched = new Int32Array(0);
  phraseCount = new Uint8Array(0);

  /** Clears (and if needed grows) the arrays for `total` slots. */
  reset(total: number): void {
    if (total > this.size) {
      this.size = Math.max(total, Math.ceil(this.size * 1.25));
      this.scores = new Float64Array(this.size);
      this.tfw = new Float64Array(this.size);
      this.touched = new Int32Array(this.size);
      this.seen = new Int32Array(this.size);
      this.reqHits = new Uint16Array(this.size);
      this.banned = new Uint8Array(this.size);
      this.matched = new Uint8Array(this.size + 3);
      this.matchedWords = new Uint32Array(this.matched.buffer, 0, this.matched.length >>> 2);
      this.alive = new Uint8Array(this.size);
      this.verified = new Uint8Array(this.size);
      this.slots = new Int32Array(this.size);
      this.best = new Float64Array(this.size);
      this.bestTouched = new Int32Array(this.size);
      this.phraseCount = new Uint8Array(this.size);
      return;
    }
    this.scores.fill(0, 0, total);
    this.seen.fill(0, 0, total);
    this.reqHits.fill(0, 0, total);
    this.banned.fill(0, 0, total);
    this.matched.fill(0, 0, total);
  }
}

/** Turns the pseudo-frequencies of the slots touched[from .. to) into BM25 scores, added to
 *  `scores` (or, for an alternative, kept in `best` if better); returns the new count of
 *  `bestTouched`. Clears their `tfw`. */
export function saturate(
  scratch: Scratch,
  from: number,
  to: number,
  w: number,
  alt: boolean,
  nb: number,
  only: Uint8Array | null,
  mark: ((slot: number) => void) | null,
): number {
  const { touched, tfw, alive, best, bestTouched, scores } = scratch;
  for (let k = from; k < to; k++) {
    const slot = touched[k];
    const x = tfw[slot];
    tfw[slot] = 0;
    if (!alive[slot] || (only && !only[slot])) continue;
    const v = (w * x) / (K1 + x);
    if (alt) {
      if (best[slot] === 0) bestTouched[nb++] = slot;
      if (v > best[slot]) best[slot] = v;
    } else scores[slot] += v;
    if (mark) mark(slot);
  }
  return nb;
}

/** Appends to `scratch.slots` (from `count`) the slots in words [from, to) of four slots that
 *  match, are not banned and have every required clause; returns the new count. Most slots
 *  match nothing: whole words of four unmatched slots are skipped at once. */
export function matchingSlots(
  scratch: Scratch,
  from: number,
  to: number,
  total: number,
  required: number,
  count: number,
): number {
  const { matchedWords: words, matched, banned, reqHits, slots } = scratch;
  for (let w = from; w < to; w++) {
    if (words[w] === 0) continue;
    for (let s = w << 2, end = Math.min(s + 4, total); s < end; s++) {
      if (!matched[s] || banned[s]) continue;
      if (required > 0 && reqHits[s] < required) continue;
      slots[count++] = s;
    }
  }
  return count;
}

/** Adds term `o`'s postings in field `f` of `seg` to the items' pseudo-frequencies (`tfw`),
 *  listing each slot first touched in `touched`; returns how many are listed. */
export function weighPostings(
  seg: Segment,
  o: number,
  f: number,
  fb: number,
  avg: number,
  tfw: Float64Array,
  touched: Int32Array,
  nt: number,
): number {
  const end = seg.spans.end(o, f);
  const { docs, tfs, lengths, base } = seg;
  const norms = lengthNorms(seg, f, avg);
  for (let i = seg.spans.start(o, f); i < end; i++) {
    const d = docs[i];
    const slot = base + d;
    if (tfw[slot] === 0) touched[nt++] = slot;
    let norm = norms[d];
    if (norm !== norm) norm = norms[d] = 1 - B + (B * lengths[d * F + f]) / avg;
    tfw[slot] += (fb * tfs[i]) / norm;
  }
  return nt;
}

/** Gives each live slot holding term `o` in field `f` of `seg` the constant score `v` (its
 *  best so far), listing it in `bestTouched`; returns how many are listed. */
export function markConstant(
  seg: Segment,
  o: number,
  f: number,
  v: number,
  best: Float64Array,
  bestTouched: Int32Array,
  nb: number,
  alive: Uint8Array,
  only: Uint8Array | null,
  mark: ((slot: number) => void) | null,
): number {
  const end = seg.spans.end(o, f);
  for (let i = seg.spans.start(o, f); i < end; i++) {
    const slot = seg.base + seg.docs[i];
    if (best[slot] !== 0 || !alive[slot] || (only && !only[slot])) continue;
    best[slot] = v;
    bestTouched[nb++] = slot;
    if (mark) mark(slot);
  }
  return nb;
}

/** Per segment and field, each item's BM25 length normalisation for the average field
 *  length it was computed with (NaN: not yet), kept until that average changes (any edit
 *  changes it): common terms then cost a lookup per posting instead of two divisions. */
const normCache = new WeakMap<Segment, Array<{ avg: number; norms: Float64Array } | undefined>>();

function lengthNorms(seg: Segment, f: number, avg: number): Float64Array {
  let perField = normCache.get(seg);
  if (!perField) normCache.set(seg, (perField = []));
  let c = perField[f];
  if (!c) perField[f] = c = { avg, norms: new Float64Array(seg.size).fill(NaN) };
  else if (c.avg !== avg) {
    c.avg = avg;
    c.norms.fill(NaN);
  }
  return c.norms;
}

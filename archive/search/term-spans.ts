// Where each (term, field)'s postings lie in a segment, kept compact: the flat offsets a
// segment file holds give every term one number per field, yet nine terms in ten occur in
// one field only (measured on the benchmark's segments: 62,685 of 69,233). So a term keeps
// where its postings start and which field they are in; only the terms found in several
// fields keep their inner boundaries. At 5,000 items a segment's 1.66 MB of offsets
// take some 0.7 MB so; any (term, field) range is answered in constant time, exactly as the
// flat array would (a prefix query asks for thousands).

import { F } from './fields';

const EMPTY = new Uint32Array(0);

export class TermSpans {
  /** Terms described. */
  readonly length: number;
  /** The flat offsets until compact() (term t's postings in field f are [flat[t*F+f], flat[t*F+f+1])). */
  private flat: Uint32Array | null;
  /** Term t's postings (all fields) are [starts[t], starts[t + 1]). */
  private starts = EMPTY;
  /** Below F: the one field term t's postings are in (0 when it has none); else F + k, k
   *  numbering the terms in several fields, whose F - 1 inner boundaries are inner[k*(F-1)..]. */
  private where = EMPTY;
  private inner = EMPTY;

  /** Answers from the flat offsets (as a segment file holds them) until compact(). */
  constructor(offsets: Uint32Array) {
    if (offsets.length % F !== 1) throw new Error('segment file is inconsistent');
    this.length = (offsets.length - 1) / F;
    this.flat = offsets;
  }

  /** Whether the flat offsets have been let go. */
  get compacted(): boolean {
    return this.flat === null;
  }

  /** A compaction under way: its pass (0 none, 1 starts and fields, 2 inner boundaries), the
   *  next term that pass looks at, and how many terms are in several fields so far. */
  private pass = 0;
  private next = 0;
  private several = 0;

  /**
   * Keeps the spans compact from now on and lets the flat offsets go: at most `terms` terms'
   * worth of work per call (each term is looked at twice), true once done. It answers from the
   * flat offsets until then. An archive that opens compacts its segments a slice at a time in
   * idle turns (some 100 ms in all at 100,000 items on a slow machine), so that no turn is
   * held long, nor any search delayed, the first slices' unoptimised code included.
   */
  compact(terms = Infinity): boolean {
    const offsets = this.flat;
    if (!offsets) return true;
    const n = this.length;
    let budget = terms;
    try {
      if (this.pass === 0) {
        this.starts = new Uint32Array(n + 1);
        this.where = new Uint32Array(n);
        [this.pass, this.next, this.several] = [1, 0, 0];
      }
      if (this.pass === 1) {
        // Every field's offsets must ascend; then a term whose first field with postings ends
        // where the term ends is in that field alone.
        const end = Math.min(n, this.next + budget);
        for (let t = this.next; t < end; t++) {
          const at = t * F;
          for (let f = 0; f < F; f++)
            if (offsets[at + f + 1] < offsets[at + f]) throw new Error('segment file is inconsistent');
          const first = offsets[at];
          const last = offsets[at + F];
          this.starts[t] = first;
          if (last === first) continue;
          let f = 0;
          while (offsets[at + f + 1] === first) f++;
          this.where[t] = offsets[at + f + 1] === last ? f : F + this.several++;
        }
        budget -= end - this.next;
        this.next = end;
        if (end < n) return false;
        this.starts[n] = offsets[n * F];
        this.inner = new Uint32Array(this.several * (F - 1));
        [this.pass, this.next] = [2, 0];
      }
      const end = Math.min(n, this.next + budget);
      for (let t = this.next; t < end; t++) {
        const k = this.where[t] - F;
        if (k < 0) continue;
        for (let f = 1; f < F; f++) this.inner[k * (F - 1) + f - 1] = offsets[t * F + f];
      }
      this.next = end;
      if (end < n) return false;
    } catch (err) {
      // Inconsistent offsets: the half-built form is dropped, and the spans stay flat.
      [this.starts, this.where, this.inner, this.pass] = [EMPTY, EMPTY, EMPTY, 0];
      throw err;
    }
    this.pass = 0;
    this.flat = null;
    return true;
  }

  /** Where term t's postings in field f start. */
  start(t: number, f: number): number {
    if (this.flat) return this.flat[t * F + f];
    if (f === 0) return this.starts[t];
    if (f === F) return this.starts[t + 1];
    const w = this.where[t];
    if (w < F) return f <= w ? this.starts[t] : this.starts[t + 1];
    return this.inner[(w - F) * (F - 1) + f - 1];
  }

  /** Where term t's postings in field f end. */
  end(t: number, f: number): number {
    return this.start(t, f + 1);
  }

  /** How many items hold term t in field f. */
  count(t: number, f: number): number {
    return this.end(t, f) - this.start(t, f);
  }

  /** Where term t's postings (every field's) start and end. */
  termStart(t: number): number {
    return this.flat ? this.flat[t * F] : this.starts[t];
  }
  termEnd(t: number): number {
    return this.flat ? this.flat[t * F + F] : this.starts[t + 1];
  }

  /** Postings of all terms. */
  get total(): number {
    return this.termStart(this.length);
  }

  /** The flat offsets back, for a segment file. */
  toOffsets(): Uint32Array {
    if (this.flat) return this.flat.slice();
    const out = new Uint32Array(this.length * F + 1);
    for (let t = 0; t < this.length; t++) for (let f = 0; f < F; f++) out[t * F + f] = this.start(t, f);
    out[this.length * F] = this.total;
    return out;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.flat ? this.flat.byteLength : this.starts.byteLength + this.where.byteLength + this.inner.byteLength;
  }
}

// Builds one segment from analysed items fed one at a time, so a bulk build holds only the
// item being analysed plus compact logs of (term, item, frequency) and (term, item, position)
// in growable typed arrays; finish() lays them out by sorted term with two counting passes.
// The segment is exactly the one building from all the items at once would give.

import { F } from './fields';
import { docNorms } from './norms';
import { MAX_SEGMENT_DOCS, type SegmentData, type StreamData } from './segment';
import type { AnalysedDoc } from './build';

/** A Uint32Array that doubles when full. */
class Log {
  a = new Uint32Array(1 << 16);
  n = 0;
  push2(x: number, y: number): void {
    if (this.n + 2 > this.a.length) this.grow();
    this.a[this.n++] = x;
    this.a[this.n++] = y;
  }
  private grow(): void {
    const b = new Uint32Array(this.a.length * 2);
    b.set(this.a);
    this.a = b;
  }
}

export class SegmentBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  /** Postings: term id, then item << 11 | field << 8 | frequency (items < 2^16, F < 8, tf ≤ 255). */
  private readonly postings = new Log();
  /** Positions: term id, then position; each item's run starts at posDocStart[item]. */
  private readonly positions = new Log();
  private readonly posDocStart: number[] = [];
  private readonly ids: string[] = [];
  private readonly stamps: string[] = [];
  private readonly languages: string[] = [];
  private lengths = new Uint16Array(1024 * F);

  get size(): number {
    return this.ids.length;
  }

  private idOf(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termList.length;
      this.termIds.set(t, id);
      this.termList.push(t);
    }
    return id;
  }

  add(d: AnalysedDoc): void {
    const ord = this.ids.length;
    if (ord >= MAX_SEGMENT_DOCS) throw new Error(`a segment holds at most ${MAX_SEGMENT_DOCS} items`);
    this.ids.push(d.id);
    this.stamps.push(d.stamp);
    this.languages.push(d.language);
    if ((ord + 1) * F > this.lengths.length) {
      const l = new Uint16Array(this.lengths.length * 2);
      l.set(this.lengths);
      this.lengths = l;
    }
    for (let f = 0; f < F; f++) {
      this.lengths[ord * F + f] = Math.min(d.lengths[f], 0xffff);
      for (const [t, tf] of d.fields[f]) this.postings.push2(this.idOf(t), (ord << 11) | (f << 8) | Math.min(tf, 255));
    }
    this.posDocStart.push(this.positions.n);
    const stream = d.streamTerms;
    for (let k = 0; k < stream.length; k++) this.positions.push2(this.idOf(stream[k]), d.streamPos[k]);
  }

  finish(): { data: SegmentData; stream: StreamData } {
    const termList = this.termList;
    const T = termList.length;
    const order = termList
      .map((_, i) => i)
      .sort((a, b) => (termList[a] < termList[b] ? -1 : termList[a] > termList[b] ? 1 : 0));
    const rank = new Uint32Array(T);
    order.forEach((local, r) => (rank[local] = r));

    // Postings: count per (term rank, field), then place in log order, which keeps each
    // list's items ascending because items were added in order.
    const P = this.postings.a;
    const np = this.postings.n;
    const offsets = new Uint32Array(T * F + 1);
    for (let i = 0; i < np; i += 2) offsets[rank[P[i]] * F + ((P[i + 1] >>> 8) & 7) + 1]++;
    for (let k = 1; k <= T * F; k++) offsets[k] += offsets[k - 1];
    const total = offsets[T * F];
    const docs = new Uint16Array(total);
    const tfs = new Uint8Array(total);
    const cursor = offsets.slice(0, T * F);
    for (let i = 0; i < np; i += 2) {
      const v = P[i + 1];
      const c = cursor[rank[P[i]] * F + ((v >>> 8) & 7)]++;
      docs[c] = v >>> 11;
      tfs[c] = v & 0xff;
    }

    // Positions: per term, its (term, item) pairs in item order, each with its positions.
    const Q = this.positions.a;
    const nq = this.positions.n;
    const n = this.ids.length;
    const starts0 = this.posDocStart;
    const lastDoc = new Int32Array(T).fill(-1);
    const pairCount = new Uint32Array(T + 1);
    const posCount = new Uint32Array(T + 1);
    for (let d = 0; d < n; d++) {
      const end = d + 1 < n ? starts0[d + 1] : nq;
      for (let i = starts0[d]; i < end; i += 2) {
        const t = Q[i];
        const r = rank[t] + 1;
        if (lastDoc[t] !== d) {
          lastDoc[t] = d;
          pairCount[r]++;
        }
        posCount[r]++;
      }
    }
    for (let r = 1; r <= T; r++) {
      pairCount[r] += pairCount[r - 1];
      posCount[r] += posCount[r - 1];
    }
    const termOffsets = pairCount;
    const pairTotal = termOffsets[T];
    const pairDocs = new Uint16Array(pairTotal);
    const starts = new Uint32Array(pairTotal + 1);
    const flat = new Uint32Array(posCount[T]);
    const pairCursor = termOffsets.slice(0, T);
    const posCursor = posCount.slice(0, T);
    lastDoc.fill(-1);
    for (let d = 0; d < n; d++) {
      const end = d + 1 < n ? starts0[d + 1] : nq;
      for (let i = starts0[d]; i < end; i += 2) {
        const t = Q[i];
        const r = rank[t];
        if (lastDoc[t] !== d) {
          lastDoc[t] = d;
          const k = pairCursor[r]++;
          pairDocs[k] = d;
          starts[k] = posCursor[r];
        }
        flat[posCursor[r]++] = Q[i + 1];
      }
    }
    starts[pairTotal] = flat.length;

    const langList = [...new Set(this.languages)].sort();
    const data = {
      ids: this.ids,
      stamps: this.stamps,
      langList,
      docLang: Uint8Array.from(this.languages, (l) => langList.indexOf(l)),
      terms: order.map((i) => termList[i]).join('\n'),
      offsets,
      docs,
      tfs,
      lengths: this.lengths.slice(0, n * F),
    };
    return {
      data: { ...data, norms: docNorms(data) },
      stream: { termOffsets, docs: pairDocs, starts, positions: flat },
    };
  }
}

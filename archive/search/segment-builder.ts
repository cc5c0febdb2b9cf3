// Builds one segment from analysed items fed one at a time, so a bulk build holds only the
// item being analysed plus compact logs of (term, item, frequency) and (term, item, position)
// in growable typed arrays; finish() lays them out by sorted term with two counting passes.
// The segment is exactly the one building from all the items at once would give.

import { F } from './fields';
import { docNorms } from './norms';
import { MAX_SEGMENT_DOCS, type SegmentData, type StreamData } from './segment';
import type { AnalysedDoc } from './build';

/**
 * Pairs of numbers appended to chunks that grow (to CHUNK_MAX at most) but are never copied:
 * a doubling array needs its old and new copies at once and ends up to twice what it holds
 * (a build worker's two logs then took some 100 MB at 5,000 items).
 */
class Log {
  chunks: Uint32Array[] = [];
  private cur = new Uint32Array(0);
  private at = 0;
  n = 0;
  push2(x: number, y: number): void {
    if (this.at === this.cur.length) this.grow();
    this.cur[this.at++] = x;
    this.cur[this.at++] = y;
    this.n += 2;
  }
  /** How many numbers chunk k holds (every chunk is full but the last). */
  used(k: number): number {
    return k === this.chunks.length - 1 ? this.at : this.chunks[k].length;
  }
  /** Lets the chunks go once they are read. */
  clear(): void {
    this.chunks = [];
    this.cur = new Uint32Array(0);
    this.at = 0;
    this.n = 0;
  }
  private grow(): void {
    // Even sizes, so a pair never straddles two chunks.
    this.cur = new Uint32Array(Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, 2 * this.cur.length)));
    this.chunks.push(this.cur);
    this.at = 0;
  }
}

/** A log's first chunk holds this many numbers (a delta segment's whole log), its largest this many. */
const CHUNK_MIN = 1 << 16;
const CHUNK_MAX = 1 << 20;

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
    const postings = this.postings;
    const offsets = new Uint32Array(T * F + 1);
    for (let k = 0; k < postings.chunks.length; k++) {
      const P = postings.chunks[k];
      const m = postings.used(k);
      for (let i = 0; i < m; i += 2) offsets[rank[P[i]] * F + ((P[i + 1] >>> 8) & 7) + 1]++;
    }
    for (let k = 1; k <= T * F; k++) offsets[k] += offsets[k - 1];
    const total = offsets[T * F];
    const docs = new Uint16Array(total);
    const tfs = new Uint8Array(total);
    const cursor = offsets.slice(0, T * F);
    for (let k = 0; k < postings.chunks.length; k++) {
      const P = postings.chunks[k];
      const m = postings.used(k);
      for (let i = 0; i < m; i += 2) {
        const v = P[i + 1];
        const c = cursor[rank[P[i]] * F + ((v >>> 8) & 7)]++;
        docs[c] = v >>> 11;
        tfs[c] = v & 0xff;
      }
    }
    postings.clear();

    // Positions: per term, its (term, item) pairs in item order, each with its positions.
    // The log holds each item's run in item order; item d's starts at posDocStart[d].
    const log = this.positions;
    const n = this.ids.length;
    const starts0 = this.posDocStart;
    /** Calls `visit(term, position, item)` for every logged position, in log order. */
    const eachPosition = (visit: (t: number, pos: number, d: number) => void): void => {
      let d = -1;
      let next = 0;
      let g = 0;
      for (let k = 0; k < log.chunks.length; k++) {
        const Q = log.chunks[k];
        const m = log.used(k);
        for (let i = 0; i < m; i += 2, g += 2) {
          while (g >= next) next = ++d + 1 < n ? starts0[d + 1] : Infinity;
          visit(Q[i], Q[i + 1], d);
        }
      }
    };
    const lastDoc = new Int32Array(T).fill(-1);
    const pairCount = new Uint32Array(T + 1);
    const posCount = new Uint32Array(T + 1);
    eachPosition((t, _pos, d) => {
      const r = rank[t] + 1;
      if (lastDoc[t] !== d) {
        lastDoc[t] = d;
        pairCount[r]++;
      }
      posCount[r]++;
    });
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
    eachPosition((t, pos, d) => {
      const r = rank[t];
      if (lastDoc[t] !== d) {
        lastDoc[t] = d;
        const k = pairCursor[r]++;
        pairDocs[k] = d;
        starts[k] = posCursor[r];
      }
      flat[posCursor[r]++] = pos;
    });
    starts[pairTotal] = flat.length;
    log.clear();

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

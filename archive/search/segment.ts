// One immutable segment: sorted terms and, per (term, field), postings as numeric doc
// ordinals with term frequencies in flat typed arrays, so that it loads with a copy rather
// than a parse. Deletions only clear `alive`; the data itself never changes.

import { F } from './fields';
import { memoryTerm, positionsIn, type PositionSource, type TermPositions } from './positions';
import { SortedTerms } from './sorted-terms';
import { TermSpans } from './term-spans';
import type { PostingsFile } from './postings-file';
import { postingsArrays } from './postings-arrays';

/** A segment never holds more items than a doc ordinal (Uint16) can address. */
export const MAX_SEGMENT_DOCS = 65_535;

/** The persisted and transferable form of a segment. */
export interface SegmentData {
  ids: string[];
  stamps: string[];
  /** The analysis languages of the segment's items, and each item's index into that list. */
  langList: string[];
  docLang: Uint8Array;
  /** Sorted terms joined by '\n' (terms never contain whitespace). */
  terms: string;
  /** Where each term starts in `terms` (and its end + 1 last), when a segment file gave them. */
  termStarts?: Uint32Array;
  /** Postings of (term t, field f) are docs[offsets[t*F+f] .. offsets[t*F+f+1]). */
  offsets: Uint32Array;
  docs: Uint16Array;
  tfs: Uint8Array;
  /** Field lengths in terms: lengths[doc*F+f]. */
  lengths: Uint16Array;
  /** Each item's related-vector length (norms.ts). */
  norms: Float32Array;
}

/**
 * Where each term stands in each item's title, body and notes, for phrases; a stored segment
 * reads it a term at a time (positions.ts), and whole only for a merge. Positions count every
 * word of the three fields in turn (dropped words included, with a gap between fields), so
 * "prime minister" matches where position(minister) = position(prime) + 1.
 */
export interface StreamData {
  /** Items holding term t in those fields: docs[termOffsets[t] .. termOffsets[t+1]), ascending. */
  termOffsets: Uint32Array;
  docs: Uint16Array;
  /** Positions of the (term, item) pair at index i: positions[starts[i] .. starts[i+1]), ascending. */
  starts: Uint32Array;
  positions: Uint32Array;
}

/** What a segment's data holds as offsets once the segment has taken them over. */
const NO_OFFSETS = new Uint32Array(0);

export class Segment {
  readonly terms: SortedTerms;
  /** Where each (term, field)'s postings lie in `docs` and `tfs`. */
  readonly spans: TermSpans;
  /** Replaced (not changed) when postings read from the file are let go: read them afresh
   *  after loadPostings, never keep them across a ranking. */
  docs: Uint16Array;
  tfs: Uint8Array;
  readonly lengths: Uint16Array;
  /** 1 while the item at that ordinal is the current version of the item. */
  readonly alive: Uint8Array;
  /** Per analysis language: how many ordinals, and their field lengths summed, for BM25's
   *  statistics, which are kept per language so that items in one never shift another's. */
  readonly langTotals: Map<string, { n: number; len: Float64Array; nonEmpty: Float64Array }>;
  /** Where this segment's ordinals start in a query's global numbering. */
  base = 0;
  /** The item-table number of each live ordinal's current metadata (-1: none), kept by the engine. */
  readonly nos: Int32Array;
  private streamData: StreamData | null;
  private postingsFile: PostingsFile | null = null;
  constructor(
    readonly data: SegmentData,
    stream: StreamData | null,
    private loadStream: (() => StreamData) | null = null,
    /** Reads one term's positions without loading them all (a stored segment's file). */
    private positionSource: PositionSource | null = null,
  ) {
    this.terms = new SortedTerms(data.terms, data.termStarts);
    if (data.offsets.length !== this.terms.length * F + 1) throw new Error('segment file is inconsistent');
    // The segment takes `data` over: its flat offsets live on in the spans (until compacted,
    // to under half their size) and come back whole from writableData for a segment file.
    this.spans = new TermSpans(data.offsets);
    data.offsets = NO_OFFSETS;
    this.docs = data.docs;
    this.tfs = data.tfs;
    this.lengths = data.lengths;
    this.alive = new Uint8Array(data.docLang.length).fill(1);
    this.nos = new Int32Array(data.docLang.length).fill(-1);
    this.langTotals = new Map();
    const byIndex = data.langList.map((l) => {
      const t = { n: 0, len: new Float64Array(F), nonEmpty: new Float64Array(F) };
      this.langTotals.set(l, t);
      return t;
    });
    for (let d = 0; d < data.docLang.length; d++) {
      const t = byIndex[data.docLang[d]];
      t.n++;
      for (let f = 0; f < F; f++) {
        const l = this.lengths[d * F + f];
        t.len[f] += l;
        if (l > 0) t.nonEmpty[f]++;
      }
    }
    this.streamData = stream;
  }

  /** The analysis language of ordinal `doc`. */
  languageOf(doc: number): string {
    return this.data.langList[this.data.docLang[doc]];
  }

  get size(): number {
    return this.alive.length;
  }

  /** Each ordinal's item id and stamp (a stored segment's are split from its file's text
   *  when first asked for: a search from the catalog never does). */
  get ids(): string[] {
    return this.data.ids;
  }
  get stamps(): string[] {
    return this.data.stamps;
  }

  /** The segment's data as a segment file is written from (its offsets whole again). */
  writableData(): SegmentData {
    return { ...this.data, offsets: this.spans.toOffsets() };
  }

  liveCount(): number {
    let n = 0;
    for (let i = 0; i < this.alive.length; i++) n += this.alive[i];
    return n;
  }

  /** Every term's positions at once, for a merge or a write. A stored segment's are read
   *  from its file each time and not kept: queries read them a term at a time instead. */
  stream(): StreamData {
    if (this.streamData) return this.streamData;
    if (!this.loadStream) throw new Error('segment has no term positions');
    if (this.positionSource) return this.loadStream();
    return (this.streamData = this.loadStream());
  }

  /** Term `t`'s positions, from memory or read from the file by term. */
  termPositions(t: number): TermPositions {
    if (this.streamData) return memoryTerm(this.streamData, t);
    if (this.positionSource) return this.positionSource.term(t);
    return memoryTerm(this.stream(), t);
  }

  /** Drops the in-memory term positions once they are stored: `source` reads a term's when a
   *  phrase needs it, `load` all of them for a merge. */
  releaseStream(load: () => StreamData, source: PositionSource | null): void {
    this.loadStream = load;
    this.positionSource = source;
    this.streamData = null;
  }

  /** Reads the postings from the file by term (a stored segment opened lazily): callers
   *  ask for a term's with loadPostings before reading `docs` and `tfs` for it. */
  readPostingsFrom(file: PostingsFile): void {
    this.postingsFile = file;
  }

  /** Makes term `o`'s postings (every field's) readable in `docs` and `tfs`; says whether
   *  they had to be read from the file. */
  loadPostings(o: number): boolean {
    return this.postingsFile?.load(this.spans.termStart(o), this.spans.termEnd(o)) ?? false;
  }

  /** Bytes of postings read from the file and held. */
  residentPostings(): number {
    return this.postingsFile?.residentBytes ?? 0;
  }

  /** Bytes the postings read from the file by block take once all are read (0 for
   *  postings held whole: a segment never stored, or read whole for a merge). */
  postingsBytes(): number {
    return this.postingsFile ? this.docs.byteLength + this.tfs.byteLength : 0;
  }

  /** Lets go of the postings read from the file; later rankings read them again as needed.
   *  Only between rankings: one under way may hold a term it loaded. */
  releasePostings(): void {
    if (!this.postingsFile || this.postingsFile.residentBytes === 0) return;
    const { docs, tfs } = postingsArrays(this.docs.length);
    this.docs = this.data.docs = docs;
    this.tfs = this.data.tfs = tfs;
    this.postingsFile.release(docs, tfs);
  }

  /** Ordinal of `term`, or -1. */
  find(term: string): number {
    return this.terms.find(term);
  }

  /** First ordinal whose term is >= `term`. */
  private lowerBound(term: string, lo = 0, hi = this.terms.length): number {
    return this.terms.lowerBound(term, lo, hi);
  }

  /** Ordinals of the terms starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const lo = this.lowerBound(prefix);
    // '\uffff' sorts after every code unit a term can continue with.
    const hi = this.lowerBound(prefix + '\uffff', lo);
    return [lo, hi];
  }

  /** Ordinals of the terms matching a wildcard pattern (`*` = any run of characters) that
   *  starts with `head` (a namespace, which the stars do not cross). */
  wildcard(head: string, pattern: string): number[] {
    const star = pattern.indexOf('*');
    if (star < 0) {
      const i = this.find(head + pattern);
      return i < 0 ? [] : [i];
    }
    const [lo, hi] = this.prefixRange(head + pattern.slice(0, star));
    const out: number[] = [];
    if (star === pattern.length - 1) {
      for (let i = lo; i < hi; i++) out.push(i);
      return out;
    }
    const re = new RegExp('^' + escapeRegExp(head) + pattern.split('*').map(escapeRegExp).join('.*') + '$');
    for (let i = lo; i < hi; i++) if (re.test(this.terms.at(i))) out.push(i);
    return out;
  }

  /**
   * Ordinals of the terms within `k` edits (Levenshtein) of `q` that keep its first letter,
   * walking the sorted terms as an implicit trie so that only prefixes still within reach
   * are visited. Keeping the first letter (as spelling correctors do: typos there are rare)
   * stops "goverment~1" from matching "over" and "cover" in half the archive.
   */
  fuzzy(q: string, k: number, head = ''): number[] {
    const out: number[] = [];
    const n = q.length;
    if (n === 0) return out;
    const terms = this.terms;
    const h = head.length;
    // The edit-distance row after the first letter, which every candidate shares with q.
    const first = new Int32Array(n + 1);
    first[0] = 1;
    for (let i = 1; i <= n; i++) first[i] = i - 1;
    const walk = (lo: number, hi: number, depth: number, prev: Int32Array): void => {
      let i = lo;
      if (i < hi && terms.lengthOf(i) === h + depth) {
        if (prev[n] <= k) out.push(i);
        i++;
      }
      if (depth >= n + k) return;
      while (i < hi) {
        const c = terms.charCodeAt(i, h + depth);
        // End of the run of terms with the same character at `depth`.
        let a = i + 1;
        let b = hi;
        while (a < b) {
          const mid = (a + b) >>> 1;
          if (terms.charCodeAt(mid, h + depth) <= c) a = mid + 1;
          else b = mid;
        }
        const cur = new Int32Array(n + 1);
        cur[0] = prev[0] + 1;
        let min = cur[0];
        for (let x = 1; x <= n; x++) {
          const v = Math.min(prev[x] + 1, cur[x - 1] + 1, prev[x - 1] + (q.charCodeAt(x - 1) === c ? 0 : 1));
          cur[x] = v;
          if (v < min) min = v;
        }
        if (min <= k) walk(i, a, depth + 1, cur);
        i = a;
      }
    };
    const [lo, hi] = this.prefixRange(head + q[0]);
    walk(lo, hi, 1, first);
    return out;
  }

  /** [start, end) of the postings of term ordinal `t` in field `f`. */
  postingRange(t: number, f: number): [number, number] {
    return [this.spans.start(t, f), this.spans.end(t, f)];
  }

  /** The positions of term `t` in item `doc` (empty when it has none). */
  positionsOf(t: number, doc: number): Uint32Array {
    return positionsIn(this.termPositions(t), doc);
  }

  /** Whether ordinal `doc` has term `t` in field `f` (postings are sorted by ordinal). */
  has(t: number, f: number, doc: number): boolean {
    this.loadPostings(t);
    let lo = this.spans.start(t, f);
    let hi = this.spans.end(t, f);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docs[mid];
      if (d === doc) return true;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A segment's term positions, one term at a time: views into the arrays of a segment still
// in memory, or, for a stored segment, only the byte ranges of the asked-for term read from
// its positions file (a few small reads, never the whole file), kept in a cache of bounded
// size. A range that is not the shape the file promises throws, as a damaged file does.

import { closeSync, fstatSync, openSync } from 'node:fs';
import type { StreamData } from './segment';
import { readRange } from './sections-file';
import { streamSections, typedFrom } from './segment-file';
import { SizedCache } from './sized-cache';

/** Where term t stands in a segment's items: the items holding it (ascending) and, for the
 *  item at index i, its positions positions[starts[i] .. starts[i+1]) (ascending). */
export interface TermPositions {
  docs: Uint16Array;
  starts: Uint32Array;
  positions: Uint32Array;
}

export interface PositionSource {
  term(t: number): TermPositions;
}

export const NO_POSITIONS: TermPositions = {
  docs: new Uint16Array(0),
  starts: new Uint32Array(1),
  positions: new Uint32Array(0),
};

const EMPTY = new Uint32Array(0);

/** Where item `doc` stands in `p.docs` (its positions are p.positions[p.starts[i] ..
 *  p.starts[i + 1])), or -1 when the term is not in it. */
export function docIndex(p: TermPositions, doc: number): number {
  let lo = 0;
  let hi = p.docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = p.docs[mid];
    if (d === doc) return mid;
    if (d < doc) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** The positions in item `doc` of a term whose positions are `p` (empty when it has none). */
export function positionsIn(p: TermPositions, doc: number): Uint32Array {
  const i = docIndex(p, doc);
  return i < 0 ? EMPTY : p.positions.subarray(p.starts[i], p.starts[i + 1]);
}

/** The term's positions as views into a whole in-memory stream (no copy). */
export function memoryTerm(s: StreamData, t: number): TermPositions {
  const a = s.termOffsets[t];
  const b = s.termOffsets[t + 1];
  if (a === b) return NO_POSITIONS;
  return { docs: s.docs.subarray(a, b), starts: s.starts.subarray(a, b + 1), positions: s.positions };
}

/**
 * Recently read term positions of every stored segment, the least recently used dropped
 * first past `maxBytes`: phrases and the proximity boost ask for the same common terms
 * again and again, and one term's positions in 5,000 items take kilobytes.
 */
export class PositionCache extends SizedCache<TermPositions> {
  constructor(maxBytes: number) {
    super(maxBytes, (v) => v.docs.byteLength + v.starts.byteLength + v.positions.byteLength + 64);
  }
}

/** Reads `length` bytes at `at` into `into` (a fresh buffer when not given); throws when
 *  the source ends first. */
type RangeReader = (at: number, length: number, into?: Buffer) => Buffer;

/** A stored segment's positions file, read by term: its header once (where the sections
 *  lie), then per term its two offsets, items, starts and positions, a few small reads.
 *  The warm-up reads the same layout from bytes in memory, through the same code. */
export class FilePositions implements PositionSource {
  private sections: ReturnType<typeof streamSections> | null = null;

  constructor(
    private readonly file: string | Buffer,
    private readonly terms: number,
    private readonly items: number,
    private readonly cache: PositionCache,
    private readonly key: string = typeof file === 'string' ? file : 'memory',
  ) {}

  term(t: number): TermPositions {
    const key = this.key + '\n' + t;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const v = this.read(t);
    this.cache.set(key, v);
    return v;
  }

  private read(t: number): TermPositions {
    if (t < 0 || t >= this.terms) throw new Error('no such term');
    const file = this.file;
    if (typeof file !== 'string') return this.readTerm(t, bufferRange(file), file.length);
    const fd = openSync(file, 'r');
    try {
      return this.readTerm(t, fileRange(fd), this.sections ? 0 : fstatSync(fd).size);
    } finally {
      closeSync(fd);
    }
  }

  private readTerm(t: number, read: RangeReader, size: number): TermPositions {
    const sections = (this.sections ??= this.readSections(read, size));
    const { termOffsets: to, docs: ds, starts: ss, positions: ps } = sections;
    const ab = typedFrom(Uint32Array, (into) => read(to.at + 4 * t, 8, into), 2);
    const a = ab[0];
    const n = ab[1] - a;
    if (ab[1] < a || ab[1] > ds.bytes / 2) throw new Error('positions file is damaged');
    if (n === 0) return NO_POSITIONS;
    const docs = typedFrom(Uint16Array, (into) => read(ds.at + 2 * a, 2 * n, into), n);
    const starts = typedFrom(Uint32Array, (into) => read(ss.at + 4 * a, 4 * (n + 1), into), n + 1);
    let prev = -1;
    for (let i = 0; i < n; i++) {
      if (docs[i] <= prev || docs[i] >= this.items || starts[i + 1] < starts[i])
        throw new Error('positions file is damaged');
      prev = docs[i];
    }
    const first = starts[0];
    const count = starts[n] - first;
    if (starts[n] > ps.bytes / 4) throw new Error('positions file is damaged');
    const positions = typedFrom(Uint32Array, (into) => read(ps.at + 4 * first, 4 * count, into), count);
    for (let i = 0; i <= n; i++) starts[i] -= first;
    return { docs, starts, positions };
  }

  private readSections(read: RangeReader, size: number): ReturnType<typeof streamSections> {
    const sections = streamSections(read, size);
    const pairs = sections.docs.bytes / 2;
    if (sections.termOffsets.bytes !== 4 * (this.terms + 1) || sections.starts.bytes !== 4 * (pairs + 1))
      throw new Error('positions file does not match its segment');
    return sections;
  }
}

function fileRange(fd: number): RangeReader {
  return (at, length, into) => readRange(fd, at, length, 'positions file', into);
}

function bufferRange(bytes: Buffer): RangeReader {
  return (at, length, into = Buffer.alloc(length)) => {
    if (at + length > bytes.length) throw new Error('positions file is truncated');
    bytes.copy(into, 0, at, at + length);
    return into;
  };
}

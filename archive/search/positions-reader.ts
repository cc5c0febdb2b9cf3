// Reads the positions of single (term, item) pairs straight from a segment's positions file,
// a few small reads each, instead of loading the whole file: ranking by proximity needs a few
// hundred pairs out of millions, and a cold `dossier search` would otherwise read and check
// tens of megabytes to answer. These reads check the file's shape (header, bounds, order),
// not its checksum, so they only ever serve the proximity boost, which reorders matches and
// never decides them; phrases and merges load the whole file and verify it (segment-store.ts).
// The file is opened per query: it is closed once the current task ends.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import os from 'node:os';
import { headerBytes, layoutOf, STREAM, type PlacedSection } from './segment-file';

const BIG_ENDIAN = os.endianness() === 'BE';
const EMPTY = new Uint32Array(0);

type Sections = Record<'termOffsets' | 'docs' | 'starts' | 'positions', PlacedSection>;

export class PositionsReader {
  private fd: number | null = null;
  private sections: Sections | null = null;
  /** Items holding each term read so far, while the file is open. */
  private readonly docsOf = new Map<number, { first: number; docs: Uint16Array }>();

  constructor(
    private readonly file: string,
    /** How many terms the segment has (the positions file has one more term offset). */
    private readonly terms: number,
  ) {}

  /** The positions of term ordinal `t` in item `doc` (empty when it has none). */
  positionsOf(t: number, doc: number): Uint32Array {
    const fd = this.open();
    const s = this.layout(fd);
    let entry = this.docsOf.get(t);
    if (!entry) {
      const [first, end] = this.read(fd, s.termOffsets, Uint32Array, t, 2);
      if (first > end || end > s.docs.bytes / 2) throw new Error('positions file is inconsistent');
      const docs = this.read(fd, s.docs, Uint16Array, first, end - first);
      for (let i = 1; i < docs.length; i++) if (docs[i] <= docs[i - 1]) throw new Error('positions file is inconsistent');
      entry = { first, docs };
      this.docsOf.set(t, entry);
    }
    const { first, docs } = entry;
    let lo = 0;
    let hi = docs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= docs.length || docs[lo] !== doc) return EMPTY;
    const [start, end] = this.read(fd, s.starts, Uint32Array, first + lo, 2);
    if (start > end || end > s.positions.bytes / 4) throw new Error('positions file is inconsistent');
    return this.read(fd, s.positions, Uint32Array, start, end - start);
  }

  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(this.file, 'r');
      // Closed after the query that opened it, so no file stays open between queries.
      setImmediate(() => this.close());
    }
    return this.fd;
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.docsOf.clear();
  }

  private layout(fd: number): Sections {
    if (this.sections) return this.sections;
    const first = Buffer.alloc(20);
    readSync(fd, first, 0, first.length, 0);
    const head = Buffer.alloc(headerBytes(first));
    readSync(fd, head, 0, head.length, 0);
    const placed = new Map(layoutOf(head, STREAM, fstatSync(fd).size).map((p) => [p.name, p]));
    const need = (name: keyof Sections, type: string, unit: number): PlacedSection => {
      const p = placed.get(name);
      if (!p || p.type !== type || p.bytes % unit !== 0) throw new Error(`positions file lacks ${name}`);
      return p;
    };
    const sections: Sections = {
      termOffsets: need('termOffsets', 'u32', 4),
      docs: need('docs', 'u16', 2),
      starts: need('starts', 'u32', 4),
      positions: need('positions', 'u32', 4),
    };
    if (sections.termOffsets.bytes / 4 !== this.terms + 1) throw new Error('positions file does not match its segment');
    this.sections = sections;
    return sections;
  }

  /** `count` elements of a section from element `from`, bounds checked. */
  private read<T extends Uint16Array | Uint32Array>(fd: number, section: PlacedSection, Ctor: new (n: number) => T, from: number, count: number): T {
    const unit = Ctor === (Uint16Array as unknown) ? 2 : 4;
    if (from < 0 || count < 0 || (from + count) * unit > section.bytes) throw new Error('positions file is inconsistent');
    const out = new Ctor(count);
    if (count === 0) return out;
    const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    if (readSync(fd, bytes, 0, bytes.length, section.at + from * unit) !== bytes.length) throw new Error('positions file is truncated');
    if (BIG_ENDIAN) {
      if (unit === 2) bytes.swap16();
      else bytes.swap32();
    }
    return out;
  }
}

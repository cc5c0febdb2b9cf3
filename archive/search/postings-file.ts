// A stored segment's postings (which items hold each term, and how often), read from its
// file a block at a time as queries first need them rather than whole at open: at 100,000
// items a search touches a few megabytes of the two hundred the postings take. Each block
// is checked against its checksum before use; a block that fails (or a file that is gone)
// throws, and the engine rebuilds the index as for any damaged file. What was read can be
// let go again (release), so the postings a session has touched do not stay resident.

import { closeSync, openSync } from 'node:fs';
import { BIG_ENDIAN, readRange } from './sections-file';
import { checksum, type PostingsLayout } from './segment-file';

export class PostingsFile {
  /** 1 for each block already read into the arrays. */
  private readonly loaded: Uint8Array;
  private docBytes: Buffer;
  private tfBytes: Buffer;
  /** Blocks read into the arrays since they were last let go. */
  private blocksRead = 0;

  constructor(
    private readonly file: string,
    private readonly layout: PostingsLayout,
    /** The segment's postings arrays, zeros until their blocks are read. */
    docs: Uint16Array,
    tfs: Uint8Array,
  ) {
    this.loaded = new Uint8Array(layout.crcs.length);
    this.docBytes = Buffer.from(docs.buffer, docs.byteOffset, docs.byteLength);
    this.tfBytes = Buffer.from(tfs.buffer, tfs.byteOffset, tfs.byteLength);
  }

  /** File bytes read into the arrays and held there. */
  get residentBytes(): number {
    return this.blocksRead * this.layout.block;
  }

  /** Forgets every block read: reads go to `docs` and `tfs`, fresh zeroed arrays the segment
   *  now reads from, and the old arrays' memory goes back to the system once collected (a
   *  large zeroed array takes memory only where it is written). */
  release(docs: Uint16Array, tfs: Uint8Array): void {
    this.docBytes = Buffer.from(docs.buffer, docs.byteOffset, docs.byteLength);
    this.tfBytes = Buffer.from(tfs.buffer, tfs.byteOffset, tfs.byteLength);
    this.loaded.fill(0);
    this.blocksRead = 0;
  }

  /** Makes postings [lo, hi) readable in the arrays; says whether any block was read. */
  load(lo: number, hi: number): boolean {
    if (hi <= lo) return false;
    const { docsAt, tfsAt } = this.layout;
    const docs = this.loadBytes(docsAt + 2 * lo, docsAt + 2 * hi);
    return this.loadBytes(tfsAt + lo, tfsAt + hi) || docs;
  }

  /** Reads the blocks holding file bytes [from, to) that are not read yet, each run of
   *  neighbouring ones in one read; says whether there were any. */
  private loadBytes(from: number, to: number): boolean {
    const { from: base, block } = this.layout;
    const first = Math.floor((from - base) / block);
    const last = Math.floor((to - 1 - base) / block);
    let read = false;
    let b = first;
    while (b <= last) {
      if (this.loaded[b]) {
        b++;
        continue;
      }
      let end = b + 1;
      while (end <= last && !this.loaded[end]) end++;
      this.readBlocks(b, end);
      read = true;
      b = end;
    }
    return read;
  }

  private readBlocks(first: number, end: number): void {
    const { from: base, size, crcs, block } = this.layout;
    const at = base + first * block;
    const fd = openSync(this.file, 'r');
    let bytes: Buffer;
    try {
      bytes = readRange(fd, at, Math.min(size, base + end * block) - at, 'segment file');
    } finally {
      closeSync(fd);
    }
    for (let b = first; b < end; b++) {
      const off = (b - first) * block;
      if (checksum(bytes.subarray(off, off + block)) !== crcs[b])
        throw new Error('segment does not match its checksum');
    }
    this.place(bytes, at, this.layout.docsAt, this.docBytes, true);
    this.place(bytes, at, this.layout.tfsAt, this.tfBytes, false);
    this.loaded.fill(1, first, end);
    this.blocksRead += end - first;
  }

  /** Copies the part of `bytes` (file bytes from `at`) that falls in the section at
   *  `sectionAt` into that section's array. */
  private place(bytes: Buffer, at: number, sectionAt: number, into: Buffer, swap: boolean): void {
    const from = Math.max(at, sectionAt);
    const to = Math.min(at + bytes.length, sectionAt + into.length);
    if (to <= from) return;
    bytes.copy(into, from - sectionAt, from - at, to - at);
    // Blocks start at even offsets from the 8-byte-aligned docs, so no item splits.
    if (swap && BIG_ENDIAN) into.subarray(from - sectionAt, to - sectionAt).swap16();
  }
}

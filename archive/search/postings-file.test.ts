// A stored segment's postings are read a block at a time as terms are asked for, each block
// checked: a rare word holds a page or two of memory, not two 32 KB blocks per segment, and
// segment files written with 32 KB blocks (before) stay readable and checked. Real files.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSegment } from './build';
import { F } from './fields';
import { PostingsFile } from './postings-file';
import { Segment } from './segment';
import {
  decodeSegment,
  decodeSegmentHead,
  encodeSegment,
  POSTINGS_BLOCK,
  postingsLayoutOf,
  segmentChecksum,
} from './segment-file';
import { analysedItem } from './test-fixtures';

const EARLIER_BLOCK = 32 * 1024;
const RARE_AT = [5, 2900];

/** 3,000 items that all share a few words, each with a word of its own, and a rare word in two far apart. */
function segmentData() {
  const docs = Array.from({ length: 3000 }, (_, i) =>
    analysedItem({
      id: `item${i}`,
      stamp: 's1',
      title: `Market report ${i}`,
      body: `The market moved as traders weighed rates, prices and growth. Note ${i}x${i}.${RARE_AT.includes(i) ? ' A quokka was seen.' : ''}`,
    }),
  );
  return buildSegment(docs).data;
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** The segment in `bytes` as a query opens it: its head now, its postings by block from the file. */
function openLazily(bytes: Buffer): Segment {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-postings-'));
  const file = path.join(dir, 'seg');
  writeFileSync(file, bytes);
  const { from } = postingsLayoutOf(bytes);
  const head = decodeSegmentHead(Buffer.from(bytes.subarray(0, from)), segmentChecksum(bytes), bytes.length);
  const seg = new Segment(head.data, null);
  seg.readPostingsFrom(new PostingsFile(file, head.postings, head.data.docs, head.data.tfs));
  return seg;
}

/** The ordinal of the indexed word ending in `word`, and the items holding it in any field. */
function itemsWith(seg: Segment, word: string): { t: number; items: number[] } {
  let t = -1;
  for (let i = 0; i < seg.terms.length && t < 0; i++) if (seg.terms.at(i).endsWith(`\u0001${word}`)) t = i;
  expect(t).toBeGreaterThanOrEqual(0);
  seg.loadPostings(t);
  const items = new Set<number>();
  for (let f = 0; f < F; f++) {
    const [lo, hi] = seg.postingRange(t, f);
    for (let k = lo; k < hi; k++) items.add(seg.docs[k]);
  }
  return { t, items: [...items].sort((a, b) => a - b) };
}

describe('postings read by block', () => {
  const data = segmentData();

  it('holds a page or two for a rare word, and reads the same postings as the whole file', () => {
    const bytes = encodeSegment(data);
    const whole = new Segment(decodeSegment(bytes, segmentChecksum(bytes)), null);
    const seg = openLazily(bytes);
    expect(seg.residentPostings()).toBe(0);
    expect(itemsWith(seg, 'quokka').items).toEqual(RARE_AT);
    // Its items and its frequencies: a block each, or two where one straddles a boundary.
    expect(POSTINGS_BLOCK).toBeLessThanOrEqual(4096);
    expect(seg.residentPostings()).toBeLessThanOrEqual(4 * POSTINGS_BLOCK);
    // A word every item holds reads its blocks in full, the same postings as the whole file.
    expect(itemsWith(seg, 'market').items).toEqual(itemsWith(whole, 'market').items);
    expect(itemsWith(seg, 'market').items).toHaveLength(3000);
    seg.releasePostings();
    expect(seg.residentPostings()).toBe(0);
    expect(itemsWith(seg, 'quokka').items).toEqual(RARE_AT);
  });

  it('reads a file written with 32 KB blocks, as earlier versions wrote them', () => {
    const bytes = encodeSegment(data, EARLIER_BLOCK);
    expect(postingsLayoutOf(bytes).block).toBe(EARLIER_BLOCK);
    expect(decodeSegment(bytes, segmentChecksum(bytes)).ids).toHaveLength(3000);
    const seg = openLazily(bytes);
    expect(itemsWith(seg, 'quokka').items).toEqual(RARE_AT);
    expect(seg.residentPostings()).toBeGreaterThanOrEqual(EARLIER_BLOCK);
  });

  it.each([POSTINGS_BLOCK, EARLIER_BLOCK])(
    'refuses a damaged block of a file checked in blocks of %i bytes',
    (block) => {
      const bytes = encodeSegment(data, block);
      const layout = postingsLayoutOf(bytes);
      // One byte flipped in every block past the head: wherever the rare word's postings
      // lie, the block that holds them is damaged.
      const damaged = Buffer.from(bytes);
      for (let at = layout.from + 1; at < damaged.length; at += block) damaged[at] ^= 0xff;
      expect(() => decodeSegment(damaged, segmentChecksum(damaged))).toThrow(/checksum/);
      const seg = openLazily(damaged);
      expect(() => itemsWith(seg, 'quokka')).toThrow(/checksum/);
    },
  );
});

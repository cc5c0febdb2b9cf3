import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSegment, type AnalysedDoc } from './build';
import { streamFile } from './manifest';
import { FilePositions, memoryTerm, PositionCache } from './positions';
import { Segment } from './segment';
import { storeSegment } from './segment-store';
import { analysedItem } from './test-fixtures';

const TEXTS = [
  'The prime minister met the prime minister of France in Paris.',
  'Interest rates rose; the minister said rates would rise again.',
  'World cup football: the cup final drew the world to Paris.',
  'Nothing in common here at all, except the word the.',
];

function docs(): AnalysedDoc[] {
  return TEXTS.map((body, i) =>
    analysedItem({ id: `d${i}`, title: `Title ${i}`, body, tags: ['News'], notes: i === 1 ? 'a note on rates' : '' }),
  );
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('term positions', () => {
  it('builds postings and positions that give back every item’s terms, frequencies and positions', () => {
    const analysed = docs();
    const { data, stream } = buildSegment(analysed);
    const seg = new Segment(data, stream);
    analysed.forEach((d, ord) => {
      d.fields.forEach((tf, f) => {
        for (const [term, n] of tf) {
          const t = seg.find(term);
          const [a, b] = seg.postingRange(t, f);
          const i = Array.from(seg.docs.subarray(a, b)).indexOf(ord);
          expect(i).toBeGreaterThanOrEqual(0);
          expect(seg.tfs[a + i]).toBe(n);
        }
      });
      const want = new Map<string, number[]>();
      d.streamTerms.forEach((t, k) => want.set(t, [...(want.get(t) ?? []), d.streamPos[k]]));
      for (const [term, ps] of want) expect(Array.from(seg.positionsOf(seg.find(term), ord))).toEqual(ps);
    });
  });

  it('reads a stored segment’s positions one term at a time, the same as the whole file holds', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-positions-'));
    const { data, stream } = buildSegment(docs());
    const stored = await storeSegment(dir, data, stream);
    const seg = new Segment(data, null);
    const cache = new PositionCache(1 << 20);
    const file = new FilePositions(streamFile(dir, stored.name), seg.terms.length, seg.size, cache);
    for (let t = 0; t < seg.terms.length; t++) {
      const want = memoryTerm(stream, t);
      const got = file.term(t);
      expect(Array.from(got.docs)).toEqual(Array.from(want.docs));
      for (let i = 0; i < want.docs.length; i++) {
        expect(Array.from(got.positions.subarray(got.starts[i], got.starts[i + 1]))).toEqual(
          Array.from(want.positions.subarray(want.starts[i], want.starts[i + 1])),
        );
      }
    }
    expect(cache.weight).toBeGreaterThan(0);
    expect(cache.weight).toBeLessThanOrEqual(1 << 20);
  });

  it('keeps the cache within its size, dropping the least recently read terms', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-positions-'));
    const { data, stream } = buildSegment(docs());
    const stored = await storeSegment(dir, data, stream);
    const seg = new Segment(data, null);
    const cache = new PositionCache(400);
    const file = new FilePositions(streamFile(dir, stored.name), seg.terms.length, seg.size, cache);
    for (let t = 0; t < seg.terms.length; t++) file.term(t);
    expect(cache.weight).toBeLessThanOrEqual(400);
    expect(cache.weight).toBeGreaterThan(0);
  });

  it('throws on a positions file whose ranges are damaged, rather than answering from garbage', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-positions-'));
    const { data, stream } = buildSegment(docs());
    const stored = await storeSegment(dir, data, stream);
    const name = streamFile(dir, stored.name);
    const bytes = await readFile(name);
    // Every item ordinal of every term becomes 0xffff, beyond the segment's four items.
    const docsAt = bytes.length - (stream.positions.byteLength + stream.starts.byteLength + stream.docs.byteLength);
    bytes.fill(0xff, docsAt - (docsAt % 8), docsAt + stream.docs.byteLength);
    await writeFile(name, bytes);
    const seg = new Segment(data, null);
    const file = new FilePositions(name, seg.terms.length, seg.size, new PositionCache(1 << 20));
    let used = 0;
    while (memoryTerm(stream, used).docs.length === 0) used++;
    expect(() => file.term(used)).toThrow(/damaged|truncated|match/);
    await writeFile(name, bytes.subarray(0, 40));
    const truncated = new FilePositions(name, seg.terms.length, seg.size, new PositionCache(1 << 20));
    expect(() => truncated.term(0)).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { buildSegment } from './build';
import { SharedBuffer } from './shared-buffer';
import { decodeSegmentHead, encodeSegment, headBytes, SEGMENT, segmentChecksum } from './segment-file';
import { layoutOf } from './sections-file';
import { Segment } from './segment';
import { analysedItem } from './test-fixtures';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('a buffer reads take turns with', () => {
  it('runs one use at a time, in the order asked, each with the length it asked for', async () => {
    const shared = new SharedBuffer();
    const log: string[] = [];
    const use = (name: string, length: number) =>
      shared.use(length, async (bytes) => {
        log.push(`${name} starts with ${bytes.length}`);
        bytes.fill(name.charCodeAt(0));
        await tick();
        // No other use wrote over these bytes while this one waited.
        expect(bytes.every((b) => b === name.charCodeAt(0))).toBe(true);
        log.push(`${name} ends`);
        return name;
      });
    const answers = await Promise.all([use('a', 10), use('b', 4), use('c', 20)]);
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts with 10', 'a ends', 'b starts with 4', 'b ends', 'c starts with 20', 'c ends']);
  });

  it('reuses its bytes while uses wait, goes on after one fails, and keeps nothing once none waits', async () => {
    const shared = new SharedBuffer();
    const seen: ArrayBufferLike[] = [];
    const failing = shared.use(8, () => Promise.reject(new Error('read failed')));
    const next = shared.use(8, async (bytes) => {
      seen.push(bytes.buffer);
      return 'read';
    });
    const last = shared.use(4, async (bytes) => {
      seen.push(bytes.buffer);
    });
    await expect(failing).rejects.toThrow('read failed');
    await expect(next).resolves.toBe('read');
    await last;
    expect(seen[0]).toBe(seen[1]);
    // Let go: a later use starts from fresh bytes.
    await shared.use(4, async (bytes) => {
      expect(bytes.buffer).not.toBe(seen[0]);
    });
  });
});

describe('a segment head read into shared bytes', () => {
  it('keeps no view into them: the segment answers the same after they are written over', async () => {
    const texts = ['The prime minister met the press.', 'Interest rates rose again.', 'Été à Paris, café crème.'];
    const docs = texts.map((body, i) =>
      analysedItem({ id: `d${i}`, stamp: `stamp${i}`, language: i === 2 ? 'fr' : 'en', title: `Title ${i}`, body }),
    );
    const file = encodeSegment(buildSegment(docs).data);
    const crc = segmentChecksum(file);
    const head = file.subarray(0, headBytes(layoutOf(file, SEGMENT, file.length)));
    // The same head decoded from bytes of its own, which nothing writes over.
    const want = decodeSegmentHead(Buffer.from(head), crc, file.length).data;
    const shared = new SharedBuffer();
    const { data } = await shared.use(head.length, async (bytes) => {
      head.copy(bytes);
      const decoded = decodeSegmentHead(bytes, crc, file.length);
      bytes.fill(0xff);
      return decoded;
    });
    expect(data.ids).toEqual(['d0', 'd1', 'd2']);
    expect(data.stamps).toEqual(['stamp0', 'stamp1', 'stamp2']);
    expect(data.terms).toBe(want.terms);
    expect(data.terms).toContain('café');
    for (const name of ['termStarts', 'docLang', 'offsets', 'lengths', 'norms'] as const) {
      expect(Array.from(data[name] ?? []), name).toEqual(Array.from(want[name] ?? []));
    }
    const seg = new Segment(data, null);
    expect([...seg.terms]).toEqual(want.terms.split('\n'));
  });
});

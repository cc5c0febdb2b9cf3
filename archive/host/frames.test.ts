import { describe, it, expect } from 'vitest';
import { encodeFrame, FrameReader, FrameError } from './frames';

describe('frames', () => {
  it('reads back frames split and joined at any byte', () => {
    const values = [{ type: 'hello', token: 'é✓' }, { n: 1 }, 'x'.repeat(70_000), [1, 2, 3]];
    const bytes = Buffer.concat(values.map(encodeFrame));
    for (const step of [1, 3, 7, 4096, bytes.length]) {
      const reader = new FrameReader();
      const got: unknown[] = [];
      for (let i = 0; i < bytes.length; i += step) got.push(...reader.push(bytes.subarray(i, i + step)));
      expect(got).toEqual(values);
    }
  });

  it('refuses a frame over the limit before reading it, and one that is not JSON', () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(1_000);
    expect(() => new FrameReader(100).push(head)).toThrow(FrameError);
    const bad = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{{{')]);
    expect(() => new FrameReader().push(bad)).toThrow(/not valid JSON/);
  });
});

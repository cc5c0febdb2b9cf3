import { describe, expect, it } from 'vitest';
import { planCompaction } from './compaction-plan';
import { F } from './fields';
import { MAX_SEGMENT_DOCS, Segment } from './segment';

/** A segment of `size` items (no terms), the first `dead` of them deleted. */
function seg(size: number, dead = 0): Segment {
  const ids = Array.from({ length: size }, (_, i) => `i${i}`);
  const s = new Segment(
    {
      ids,
      stamps: ids.map(() => '1'),
      langList: ['en'],
      docLang: new Uint8Array(size),
      norms: new Float32Array(size),
      terms: '',
      offsets: new Uint32Array(1),
      docs: new Uint16Array(0),
      tfs: new Uint8Array(0),
      lengths: new Uint16Array(size * F),
    },
    {
      termOffsets: new Uint32Array(1),
      docs: new Uint16Array(0),
      starts: new Uint32Array(1),
      positions: new Uint32Array(0),
    },
  );
  s.alive.fill(0, 0, dead);
  return s;
}

describe('planCompaction', () => {
  it('merges small segments together, smallest first, and leaves large healthy ones alone', () => {
    const [a, b, big] = [seg(30), seg(10), seg(9000)];
    expect(planCompaction([big, a, b], 4000)).toEqual({ empty: [], group: [b, a] });
  });

  it('leaves a lone small segment as it is: merging it alone gains nothing', () => {
    expect(planCompaction([seg(30), seg(9000)], 4000).group).toEqual([]);
  });

  it('rewrites a large segment alone when most of its items are deleted', () => {
    const s = seg(9000, 6000);
    expect(planCompaction([s, seg(9000)], 4000).group).toEqual([s]);
  });

  it('drops segments with no live item without merging them', () => {
    const gone = seg(50, 50);
    expect(planCompaction([gone, seg(9000)], 4000)).toEqual({ empty: [gone], group: [] });
  });

  it('never reads more than a segment can hold in one step, dead items included', () => {
    const [a, b, c] = [seg(40_000, 30_000), seg(40_000, 30_000), seg(100)];
    const { group } = planCompaction([a, b, c], 4000);
    expect(group.reduce((n, s) => n + s.size, 0)).toBeLessThanOrEqual(MAX_SEGMENT_DOCS);
    expect(group).toEqual([c, a]);
  });
});

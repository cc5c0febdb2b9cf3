import { describe, expect, it } from 'vitest';
import { FAN_IN, planCompaction } from './compaction-plan';
import { F } from './fields';
import { Segment } from './segment';

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

/** The sizes of a plan's group, for readable failures. */
const sizes = (group: Segment[]) => group.map((s) => s.size);

describe('planCompaction', () => {
  it('merges small segments of about one size once there are FAN_IN of them, and leaves large ones alone', () => {
    const tiny = [seg(64), seg(70), seg(10), seg(66)];
    const { empty, group } = planCompaction([seg(9000), ...tiny, seg(900)], 4000);
    expect(empty).toEqual([]);
    expect(sizes(group)).toEqual([10, 64, 66, 70]);
  });

  it('waits while fewer than FAN_IN small segments share a tier', () => {
    expect(planCompaction([seg(64), seg(64), seg(64), seg(900), seg(9000)], 4000).group).toEqual([]);
    // A lone small segment gains nothing from being rewritten either.
    expect(planCompaction([seg(30), seg(9000)], 4000).group).toEqual([]);
  });

  it('does not rewrite a larger small segment to take in a few tiny ones', () => {
    const big = seg(2009);
    const { group } = planCompaction([big, seg(250), seg(10), seg(64), seg(64)], 4000);
    expect(group).not.toContain(big);
    expect(sizes(group)).toEqual([10, 64, 64, 250]);
  });

  it('rewrites a segment alone when most of its items are deleted', () => {
    const s = seg(9000, 6000);
    expect(planCompaction([s, seg(9000), seg(64), seg(64), seg(64), seg(64)], 4000).group).toEqual([s]);
  });

  it('drops segments with no live item without merging them', () => {
    const gone = seg(50, 50);
    expect(planCompaction([gone, seg(9000)], 4000)).toEqual({ empty: [gone], group: [] });
  });

  it('merges fewer than FAN_IN once together they are no longer small, and reads no more', () => {
    // An import's builds of 2,000 items merge in pairs, into segments that are no longer small.
    expect(sizes(planCompaction([seg(2000), seg(2000), seg(2000), seg(9000)], 4000).group)).toEqual([2000, 2000]);
    const many = Array.from({ length: 20 }, () => seg(3900));
    expect(sizes(planCompaction(many, 4000).group)).toEqual([3900, 3900]);
    // Tiny ones still wait for FAN_IN of them.
    expect(planCompaction([seg(64), seg(64), seg(9000)], 4000).group).toEqual([]);
  });

  it('rewrites each item a few times on its way to a large segment, not once per later edit', () => {
    // A long session: 400 frozen deltas of 64 items, each followed by compaction to the end.
    let segments: Segment[] = [];
    let written = 0;
    let mostSegments = 0;
    for (let k = 0; k < 400; k++) {
      segments.push(seg(64));
      for (let plan = planCompaction(segments, 4000); plan.group.length; plan = planCompaction(segments, 4000)) {
        const merged = plan.group.reduce((n, s) => n + s.size, 0);
        written += merged;
        segments = [...segments.filter((s) => !plan.group.includes(s)), seg(merged)];
      }
      mostSegments = Math.max(mostSegments, segments.length);
    }
    const items = 400 * 64;
    expect(segments.reduce((n, s) => n + s.size, 0)).toBe(items);
    // log4(4000 / 64) is three rewrites on the way to 4,000 items, and then no more.
    expect(written / items).toBeLessThanOrEqual(4);
    // Segments stay few: the large ones, and under FAN_IN of each small tier.
    expect(mostSegments).toBeLessThanOrEqual(Math.ceil(items / 4000) + 3 * (FAN_IN - 1));
  });
});

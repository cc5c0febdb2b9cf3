import { describe, expect, it } from 'vitest';
import { selectTop, selectTopByKey } from './top';

/** A deterministic generator, so a failure names the case it failed on. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('selectTopByKey', () => {
  // Keys drawn from few values make ties at the bar, which only `cmp` can order.
  const cases = [
    { n: 5000, k: 50, distinct: 1e9 },
    { n: 5000, k: 50, distinct: 7 },
    { n: 3000, k: 200, distinct: 40 },
    { n: 900, k: 200, distinct: 1e9 },
    { n: 150, k: 200, distinct: 3 },
    { n: 20000, k: 1, distinct: 1 },
  ];
  for (const { n, k, distinct } of cases) {
    it(`picks what a full sort picks: ${n} items, first ${k}, ${distinct} key values`, () => {
      const next = numbers(n + k + distinct);
      const keys = Float64Array.from({ length: n }, () => Math.floor(next() * distinct));
      const tie = Int32Array.from({ length: n }, () => Math.floor(next() * 1e6));
      const cmp = (a: number, b: number) => keys[b] - keys[a] || tie[a] - tie[b] || a - b;
      const sorted = Array.from({ length: n }, (_, i) => i)
        .sort(cmp)
        .slice(0, k);
      expect(selectTopByKey(n, k, keys, null, cmp)).toEqual(sorted);
      expect(selectTop(n, k, cmp)).toEqual(sorted);
    });
  }

  it('reads the keys through `at` when given', () => {
    const scores = Float64Array.from([0.5, 9, 3, 7, 1, 8, 2, 6, 4, 5]);
    const slots = Int32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const top = selectTopByKey(slots.length, 2, scores, slots, (a, b) => scores[slots[b]] - scores[slots[a]]);
    expect(top.map((i) => slots[i])).toEqual([1, 5]);
  });

  it('gives nothing for no items or an empty page', () => {
    const cmp = (a: number, b: number) => a - b;
    expect(selectTopByKey(0, 10, new Float64Array(0), null, cmp)).toEqual([]);
    expect(selectTopByKey(10, 0, new Float64Array(10), null, cmp)).toEqual([]);
  });
});

import { describe, it, expect } from 'vitest';
import { TwoGenerations } from './two-generations';

describe('TwoGenerations', () => {
  it('holds at most twice its limit, keeps what is looked up, and forgets what is not', () => {
    const memo = new TwoGenerations<number>(100);
    memo.set('common', 1);
    memo.set('rare', 2);
    for (let i = 0; i < 1_000; i++) {
      memo.set(`word${i}`, i);
      expect(memo.size).toBeLessThanOrEqual(200);
      if (i % 50 === 0) expect(memo.get('common')).toBe(1);
    }
    expect(memo.get('common')).toBe(1);
    expect(memo.get('rare')).toBeUndefined();
    expect(memo.get('word999')).toBe(999);
    expect(memo.get('word0')).toBeUndefined();
  });
});

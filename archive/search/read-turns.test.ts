import { describe, expect, it } from 'vitest';
import { mayRead, OutOfTurn, withinTurn } from './read-turns';

/** A ranking that needs `n` reads, of which `done` are made already (they stay made). */
function ranking(n: number, done: { reads: number }, before = 0): () => string {
  return () => {
    const start = performance.now();
    while (performance.now() - start < before); // work before the first read
    for (let i = done.reads; i < n; i++) {
      mayRead();
      const t = performance.now();
      while (performance.now() - t < 1); // the read
      done.reads++;
    }
    return 'ranked';
  };
}

describe('reading in turns', () => {
  it('ranks in one turn when the reads fit in it', () => {
    expect(withinTurn(1_000, ranking(3, { reads: 0 }))).toBe('ranked');
  });

  it('gives the thread back past its deadline, and gets further every turn until it ranks', () => {
    const done = { reads: 0 };
    const turns: number[] = [];
    let result: string | null = null;
    while (result === null) {
      const before = done.reads;
      result = withinTurn(2, ranking(12, done));
      turns.push(done.reads - before);
    }
    expect(result).toBe('ranked');
    expect(turns.length).toBeGreaterThan(2);
    expect(turns.every((n) => n >= 1)).toBe(true);
  });

  it('makes a read in every turn, even when the work before it outlasts the turn', () => {
    const done = { reads: 0 };
    let turns = 0;
    while (withinTurn(1, ranking(3, done, 3)) === null) turns++;
    expect(turns).toBeLessThanOrEqual(3);
  });

  it('lets anything but its own signal through, and sets no deadline outside a turn', () => {
    expect(() =>
      withinTurn(1_000, () => {
        throw new Error('damaged');
      }),
    ).toThrow('damaged');
    const start = performance.now();
    while (performance.now() - start < 2);
    for (let i = 0; i < 3; i++) expect(() => mayRead()).not.toThrow();
    expect(new OutOfTurn()).toBeInstanceOf(Error);
  });
});

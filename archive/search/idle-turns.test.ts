import { describe, expect, it } from 'vitest';
import { inIdleTurns } from './idle-turns';

const turn = () => new Promise((r) => setTimeout(r, 0));
const until = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 2));
};

describe('work in idle turns', () => {
  it('runs steps until one says it was the last, giving the thread back between turns', async () => {
    let steps = 0;
    let turnsSeen = 0;
    const ticking = setInterval(() => turnsSeen++, 0);
    // Each step holds the thread 1 ms: a turn of about 3 ms runs a few, never all fifty.
    inIdleTurns(
      () => {
        const end = performance.now() + 1;
        while (performance.now() < end);
        return ++steps < 50;
      },
      () => false,
    );
    await turn();
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(10);
    await until(() => steps === 50);
    clearInterval(ticking);
    expect(steps).toBe(50);
    expect(turnsSeen).toBeGreaterThan(5);
  });

  it('ends the work at a step that throws, and at stop()', async () => {
    let steps = 0;
    inIdleTurns(
      () => {
        if (++steps === 3) throw new Error('broken');
        return true;
      },
      () => false,
    );
    let stopped = 0;
    inIdleTurns(
      () => {
        stopped++;
        return true;
      },
      () => stopped === 2,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toBe(3);
    expect(stopped).toBe(2);
  });
});

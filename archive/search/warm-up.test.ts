import { describe, expect, it } from 'vitest';
import { warmUp, WARM_UP_STEPS } from './warm-up';

const settle = () => new Promise((r) => setTimeout(r, 3000));

describe('warm-up', () => {
  it('runs every kind of search through to the end, a few per turn, without an error cutting it short', async () => {
    let steps = 0;
    warmUp(() => {
      steps++;
      return false;
    });
    await settle();
    // Building, then rounds of every query and a related-items call, each step asking first
    // whether to stop.
    expect(steps).toBe(WARM_UP_STEPS);
    expect(steps).toBeGreaterThan(100);
  });

  it('stops at the next turn once the engine has closed', async () => {
    let turns = 0;
    warmUp(() => {
      turns++;
      return true;
    });
    await settle();
    expect(turns).toBe(1);
  });
});

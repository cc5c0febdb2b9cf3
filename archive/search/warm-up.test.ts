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

  it('runs no step while a real search is under way, and goes on once it is over', async () => {
    let steps = 0;
    let busy = true;
    warmUp(
      () => {
        steps++;
        return false;
      },
      () => busy,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(steps).toBe(0);
    busy = false;
    await settle();
    expect(steps).toBe(WARM_UP_STEPS);
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

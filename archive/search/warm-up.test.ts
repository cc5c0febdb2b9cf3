import { describe, expect, it } from 'vitest';
import { warmUp, WARM_UP_TURNS } from './warm-up';

const settle = () => new Promise((r) => setTimeout(r, 3000));

describe('warm-up', () => {
  it('runs every kind of search through to the end, one per turn, without an error cutting it short', async () => {
    let turns = 0;
    warmUp(() => {
      turns++;
      return false;
    });
    await settle();
    // Building, then rounds of every query and a related-items call, each turn asking first
    // whether to stop.
    expect(turns).toBe(WARM_UP_TURNS);
    expect(turns).toBeGreaterThan(100);
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

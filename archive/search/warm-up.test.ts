import { describe, expect, it } from 'vitest';
import { warmUp } from './warm-up';

const settle = () => new Promise((r) => setTimeout(r, 200));

describe('warm-up', () => {
  it('runs every kind of search through to the end, one per turn, without an error cutting it short', async () => {
    let turns = 0;
    warmUp(() => {
      turns++;
      return false;
    });
    await settle();
    // Eleven queries and one related-items call, each asking first whether to stop.
    expect(turns).toBe(12);
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

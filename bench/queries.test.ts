// The benchmark's query mix cannot flatter one engine: no word in it is on lunr's stop list
// (the only engine that drops words), and the stop-word queries, timed apart, do hold one.

import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { COLD_KINDS, QUERIES, STOP_WORD_QUERIES, type BenchQuery } from './queries';

const words = (q: BenchQuery) => [...q.words.map((w) => w.w), ...(q.phrase ?? [])];
const isStop = (w: string) => lunr.stopWordFilter(new lunr.Token(w.toLowerCase(), {})) === undefined;

describe('the benchmark query mix', () => {
  it('holds no stop word', () => {
    expect(isStop('said')).toBe(true);
    const stops = QUERIES.flatMap(words).filter(isStop);
    expect(stops).toEqual([]);
  });

  it('keeps the stop-word queries apart, each with a stop word', () => {
    for (const q of STOP_WORD_QUERIES) expect(words(q).some(isStop)).toBe(true);
    expect(QUERIES.map((q) => q.text)).not.toContain('said');
  });

  it('has a query of every kind whose first use is timed cold', () => {
    for (const kind of COLD_KINDS) expect(QUERIES.some((q) => q.kind === kind)).toBe(true);
  });
});

import { describe, it, expect } from 'vitest';
import { isPlainSearchRequest } from './request-bounds';
import { SearchRequest } from './request';

describe('the plain search request check', () => {
  it('vouches only for requests the schema accepts unchanged', () => {
    const requests: unknown[] = [
      { q: 'russia' },
      { q: '' },
      { q: 'russia', sort: 'newest', limit: 20, offset: 0 },
      { q: 'russia', sort: undefined, limit: undefined, offset: undefined },
      { q: 'x'.repeat(200_000) },
      { q: 'x'.repeat(200_001) },
      { q: 'russia', limit: 0 },
      { q: 'russia', limit: 500 },
      { q: 'russia', limit: 501 },
      { q: 'russia', limit: 2.5 },
      { q: 'russia', limit: Number.NaN },
      { q: 'russia', offset: -1 },
      { q: 'russia', offset: 1_000_001 },
      { q: 'russia', sort: 'sideways' },
      { q: 'russia', tags: ['a'] },
      { q: 'russia', extra: 1 },
      { q: 42 },
      {},
      null,
      'russia',
      ['russia'],
    ];
    let vouched = 0;
    for (const r of requests) {
      if (!isPlainSearchRequest(r)) continue;
      vouched++;
      const parsed = SearchRequest.safeParse(r);
      expect(parsed.success, JSON.stringify(r)?.slice(0, 80)).toBe(true);
      expect(parsed.data).toEqual(r);
    }
    expect(vouched).toBe(6);
    // What it leaves to the schema includes requests the schema accepts (tags), so it is a check, not a rule.
    expect(SearchRequest.safeParse({ q: 'russia', tags: ['a'] }).success).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url';

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://News.Example.COM/Story/', 'https://news.example.com/Story'],
    ['https://example.com/a?utm_source=x&b=2&a=1&fbclid=z#section', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/?gclid=1', 'https://example.com'],
    ['https://example.com/', 'https://example.com'],
    ['http://example.com:80/a//', 'http://example.com/a'],
    ['https://example.com/?b=1&a=2', 'https://example.com?a=2&b=1'],
    ['https://www.numerama.com/p.html#utm_medium=distibuted&utm_source=rss', 'https://www.numerama.com/p.html'],
    ['  https://example.com/x?q=a%20b  ', 'https://example.com/x?q=a+b'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('leaves what is not an http(s) URL alone', () => {
    expect(canonicalUrl('place:sort=8')).toBe('place:sort=8');
    expect(canonicalUrl(' not a url ')).toBe('not a url');
  });

  it('is idempotent and ignores fragments and tracking parameters', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), (url, campaign) => {
        const once = canonicalUrl(url);
        expect(canonicalUrl(once)).toBe(once);
        const tracked = new URL(url);
        tracked.searchParams.append('utm_campaign', campaign);
        tracked.hash = 'elsewhere';
        expect(canonicalUrl(tracked.href)).toBe(canonicalUrl(url));
      }),
      { numRuns: 300 },
    );
  });
});

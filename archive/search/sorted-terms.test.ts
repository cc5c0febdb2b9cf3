import { describe, expect, it } from 'vitest';
import { SortedTerms } from './sorted-terms';

describe('sorted terms', () => {
  const words = ['', 'a', 'ab', 'abc', 'b', 'ba', 'été', 'z\u00e9', '\u4e2d\u6587']
    .filter(Boolean)
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const terms = new SortedTerms(words.join('\n'));

  it('gives back each term, and finds each where a sorted array of strings would', () => {
    expect(terms.length).toBe(words.length);
    expect([...terms]).toEqual(words);
    words.forEach((w, i) => expect(terms.find(w)).toBe(i));
    for (const probe of ['', 'aa', 'abcd', 'c', 'zz', '\uffff', 'b']) {
      const want = words.findIndex((w) => w >= probe);
      expect(terms.lowerBound(probe)).toBe(want < 0 ? words.length : want);
      expect(terms.find(probe)).toBe(words.indexOf(probe));
    }
  });

  it('reads a term’s letters and length without making the string', () => {
    const i = terms.find('abc');
    expect(terms.lengthOf(i)).toBe(3);
    expect(terms.charCodeAt(i, 2)).toBe('c'.charCodeAt(0));
    expect(terms.charCodeAt(i, 3)).toBeNaN();
  });

  it('holds no terms for an empty segment', () => {
    const none = new SortedTerms('');
    expect(none.length).toBe(0);
    expect(none.find('a')).toBe(-1);
    expect([...none]).toEqual([]);
  });
});

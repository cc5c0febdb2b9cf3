import { describe, expect, it } from 'vitest';
import { F } from './fields';
import { TermSpans } from './term-spans';

/** Flat offsets for terms whose per-field counts `counts[t][f]` give. */
function flat(counts: number[][]): Uint32Array {
  const out = new Uint32Array(counts.length * F + 1);
  let at = 0;
  counts.forEach((c, t) => {
    for (let f = 0; f < F; f++) {
      out[t * F + f] = at;
      at += c[f] ?? 0;
    }
  });
  out[counts.length * F] = at;
  return out;
}

describe('term spans', () => {
  it('answers every (term, field) range as the flat offsets do, terms in one field or several', () => {
    // A seeded mix: most terms in one field (any of them), some in several, some in none.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counts = Array.from({ length: 2000 }, () => {
      const c = new Array<number>(F).fill(0);
      const r = rand();
      if (r < 0.05) return c;
      if (r < 0.8) c[Math.floor(rand() * F)] = 1 + Math.floor(rand() * 50);
      else for (let f = 0; f < F; f++) if (rand() < 0.5) c[f] = Math.floor(rand() * 9);
      return c;
    });
    const offsets = flat(counts);
    const spans = new TermSpans(offsets);
    expect(spans.length).toBe(counts.length);
    // Every answer, as the spans give it and as the flat offsets hold it, compared at once.
    const answersAsFlat = () => {
      const got: number[] = [];
      const want: number[] = [];
      for (let t = 0; t < counts.length; t++) {
        got.push(spans.termStart(t), spans.termEnd(t));
        want.push(offsets[t * F], offsets[t * F + F]);
        for (let f = 0; f < F; f++) {
          got.push(spans.start(t, f), spans.end(t, f), spans.count(t, f));
          want.push(offsets[t * F + f], offsets[t * F + f + 1], counts[t][f]);
        }
      }
      expect(got).toEqual(want);
      expect(spans.total).toBe(offsets[offsets.length - 1]);
      expect(spans.toOffsets()).toEqual(offsets);
    };
    // From the flat offsets until compacted, then from the compact form: the same answers.
    // Compacted a slice at a time (two passes over 2,000 terms, 300 at a time), it answers
    // from the flat offsets until the last slice.
    answersAsFlat();
    let slices = 0;
    while (!spans.compact(300)) {
      slices++;
      expect(spans.compacted).toBe(false);
      answersAsFlat();
    }
    expect(slices).toBe(Math.ceil((2 * counts.length) / 300) - 1);
    expect(spans.compacted).toBe(true);
    expect(spans.compact(300)).toBe(true);
    answersAsFlat();
    // Smaller than the flat array when most terms sit in one field.
    expect(spans.bytes).toBeLessThan(offsets.byteLength / 2);
  });

  it('holds an empty segment, and refuses offsets that do not fit a whole number of terms or run backwards', () => {
    const none = new TermSpans(new Uint32Array([0]));
    none.compact();
    expect(none.length).toBe(0);
    expect(none.total).toBe(0);
    expect(() => new TermSpans(new Uint32Array(F))).toThrow(/inconsistent/);
    const backwards = flat([[2, 1, 0, 0, 0, 0]]);
    backwards[2] = 1; // field 1 would end before it starts
    expect(() => new TermSpans(backwards).compact()).toThrow(/inconsistent/);
    // ...also in a term whose postings are all in one field, the fields after it running back.
    const oneField = flat([[3, 0, 0, 0, 0, 0]]);
    oneField[2] = 1;
    expect(() => new TermSpans(oneField).compact()).toThrow(/inconsistent/);
    // Found in a later slice: the spans stay flat, answering as before.
    const late = flat([...Array.from({ length: 10 }, () => [1, 0, 0, 0, 0, 0]), [2, 1, 0, 0, 0, 0]]);
    late[10 * F + 2] = late[10 * F + 1] - 1;
    const spans = new TermSpans(late);
    expect(spans.compact(4)).toBe(false);
    expect(() => {
      while (!spans.compact(4));
    }).toThrow(/inconsistent/);
    expect(spans.compacted).toBe(false);
    expect(spans.start(3, 0)).toBe(3);
  });
});

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
    const answersAsFlat = () => {
      for (let t = 0; t < counts.length; t++) {
        expect(spans.termStart(t)).toBe(offsets[t * F]);
        expect(spans.termEnd(t)).toBe(offsets[t * F + F]);
        for (let f = 0; f < F; f++) {
          expect([spans.start(t, f), spans.end(t, f)]).toEqual([offsets[t * F + f], offsets[t * F + f + 1]]);
          expect(spans.count(t, f)).toBe(counts[t][f]);
        }
      }
      expect(spans.total).toBe(offsets[offsets.length - 1]);
      expect(spans.toOffsets()).toEqual(offsets);
    };
    // From the flat offsets until compacted, then from the compact form: the same answers.
    answersAsFlat();
    expect(spans.compacted).toBe(false);
    spans.compact();
    expect(spans.compacted).toBe(true);
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
  });
});

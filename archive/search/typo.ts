// Spelling corrections for a query that found nothing: each word the index does not hold is
// replaced by the most common word written within one or two edits of it (by its length),
// keeping its first letter, as spelling correctors do.

import { analyzerFor, bareTerm, SURFACE_MARK } from './analyzer';
import { F } from './fields';
import { foldLower, lowerForm } from './normalize';
import type { Segment } from './segment';

/** Edits allowed for a word of this many letters: none below 3, 1 up to 6, else 2. */
export function editsFor(length: number): number {
  return length < 3 ? 0 : length <= 6 ? 1 : 2;
}

/** The correction of `word`, or null when the index holds it or nothing is close. */
export function correction(word: string, segments: Segment[], languages: string[]): string | null {
  const low = lowerForm(word);
  const folded = foldLower(low);
  const k = editsFor([...folded].length);
  if (k === 0) return null;
  let best: { word: string; dist: number; df: number } | null = null;
  for (const lang of languages) {
    const a = analyzerFor(lang);
    if (a.isStop(low, folded)) return null;
    const head = SURFACE_MARK + a.ns;
    // A word some item has as written needs no correction.
    for (const seg of segments) if (seg.find(head + folded) >= 0) return null;
    const df = new Map<string, number>();
    for (const seg of segments) {
      for (const o of seg.fuzzy(folded, k, head)) {
        const w = bareTerm(seg.terms.at(o));
        let n = 0;
        for (let f = 0; f < F; f++) n += seg.spans.count(o, f);
        df.set(w, (df.get(w) ?? 0) + n);
      }
    }
    for (const [w, n] of df) {
      const dist = levenshtein(folded, w);
      if (!best || dist < best.dist || (dist === best.dist && n > best.df)) best = { word: w, dist, df: n };
    }
  }
  return best ? best.word : null;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

// The length of each item's related vector, stored with its segment, so that related items
// are ranked by cosine similarity without a pass over the whole index at query time. The
// vector holds the item's words as written (folded, unstemmed: on the BBC articles they tell
// topics apart better than stems), weighted log tf × √idf on each side. idf is the segment's
// own, which for any sizeable segment is close to the collection's.

import { analyzerFor, bareTerm, languageOfTerm, SURFACE_MARK } from './analyzer';
import { F, FIELD_INDEX } from './fields';
import { idf } from './idf';

/** Fields an item's likeness is judged on, and how much each occurrence counts. */
export const RELATED_FIELDS: ReadonlyArray<[number, number]> = [
  [FIELD_INDEX.title, 1],
  [FIELD_INDEX.body, 1],
  [FIELD_INDEX.tags, 2],
];

const LOG_TABLE = Float64Array.from({ length: 1024 }, (_, i) => (i > 0 ? 1 + Math.log(i) : 0));

/** One weight of a (term, item) pair in the related vectors: 1 + ln tf (a table lookup for
 *  the whole counts postings hold, since this runs once per posting). */
export function tfWeight(tf: number): number {
  return tf < 1024 && Number.isInteger(tf) ? LOG_TABLE[tf] : tf > 0 ? 1 + Math.log(tf) : 0;
}

/** The idf factor of each side of the cosine (their product is idf). */
export function idfWeight(df: number, n: number): number {
  return Math.sqrt(idf(df, n));
}

/** Whether an index term is part of the related vectors: a word as written, made of
 *  letters (numbers and compounds say little about a topic), not a stop word. */
export function vectorTerm(term: string): boolean {
  if (term.charCodeAt(0) !== SURFACE_MARK.charCodeAt(0)) return false;
  const bare = bareTerm(term);
  return /^\p{L}+$/u.test(bare) && !analyzerFor(languageOfTerm(term)).isStop(bare, bare);
}

export function docNorms(data: {
  terms: string;
  offsets: Uint32Array;
  docs: Uint16Array;
  tfs: Uint8Array;
  ids: string[];
  docLang: Uint8Array;
  langList: string[];
}): Float32Array {
  const n = data.ids.length;
  const sq = new Float64Array(n);
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const perLang = new Float64Array(data.langList.length);
  for (let d = 0; d < n; d++) perLang[data.docLang[d]]++;
  const terms = data.terms.length ? data.terms.split('\n') : [];
  for (let t = 0; t < terms.length; t++) {
    if (!vectorTerm(terms[t])) continue;
    let nt = 0;
    for (const [f, w] of RELATED_FIELDS) {
      for (let i = data.offsets[t * F + f]; i < data.offsets[t * F + f + 1]; i++) {
        const d = data.docs[i];
        if (acc[d] === 0) touched[nt++] = d;
        acc[d] += w * data.tfs[i];
      }
    }
    if (nt === 0) continue;
    const lang = data.docLang[touched[0]];
    const x = idfWeight(nt, perLang[lang]);
    for (let k = 0; k < nt; k++) {
      const d = touched[k];
      const v = tfWeight(acc[d]) * x;
      sq[d] += v * v;
      acc[d] = 0;
    }
  }
  const out = new Float32Array(n);
  for (let d = 0; d < n; d++) out[d] = Math.sqrt(sq[d]) || 1;
  return out;
}

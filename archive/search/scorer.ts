// Runs parsed clauses over every segment at once and scores with BM25F (lunr's k1 1.2,
// b 0.75 and idf), using document frequencies and field lengths summed over all segments:
// a segmented index scores exactly as one index over the same items would.

import { analyzerFor, isEnglishStopWord } from './analyzer';
import { F, FIELD_BOOST, STREAM_FIELDS } from './fields';
import type { Clause, PhraseClause, TermClause } from './query-parser';
import type { Segment } from './segment';

const K1 = 1.2;
const B = 0.75;

export interface Evaluation {
  /** Matching slots (segment base + ordinal) ascending, in slots[0..count), or null when
   *  the query only excludes. Valid until the next evaluation with the same scratch. */
  slots: Int32Array | null;
  count: number;
  scores: Float64Array;
  banned: Uint8Array;
  /** Index terms the query matched, for marking snippets. */
  terms: Set<string>;
}

/** Collection statistics shared by every segment's postings. */
export interface Stats {
  n: number;
  avg: Float64Array;
}

export function collectionStats(segments: Segment[]): Stats {
  let n = 0;
  const total = new Float64Array(F);
  for (const s of segments) {
    n += s.size;
    for (let f = 0; f < F; f++) total[f] += s.totalLen[f];
  }
  const avg = new Float64Array(F);
  for (let f = 0; f < F; f++) avg[f] = n > 0 ? Math.max(total[f] / n, 1e-9) : 1;
  return { n, avg };
}

export function idf(df: number, n: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** Index terms a typed word stands for: one per language present, deduplicated. */
export function stemsOf(word: string, languages: string[]): string[] {
  // Queries are read as English, the app's language: an English stop word ("the", "to")
  // is dropped for items in every language, or it would match the English words that
  // pages in other languages carry in their titles and boilerplate.
  if (isEnglishStopWord(word)) return [];
  const out = new Set<string>();
  for (const l of languages) {
    const t = analyzerFor(l).term(word);
    if (t) out.add(t);
  }
  return [...out];
}

type Hits = Map<string, Array<[Segment, number]>>;

function expand(c: TermClause, segments: Segment[], languages: string[]): Hits {
  const hits: Hits = new Map();
  let forms: string[];
  if (!c.usePipeline) forms = [c.term];
  else {
    forms = stemsOf(c.term, languages);
    // A fuzzy term the pipeline drops (a misspelt stop word) is still worth looking for.
    if (forms.length === 0 && c.editDistance > 0) forms = [c.term.replace(/^\W+|\W+$/g, '')].filter(Boolean);
  }
  for (const seg of segments) {
    for (const form of forms) {
      const ords = !c.usePipeline ? seg.wildcard(form) : c.editDistance > 0 ? seg.fuzzy(form, c.editDistance) : [seg.find(form)];
      for (const o of ords) {
        if (o < 0) continue;
        const key = seg.terms[o];
        let list = hits.get(key);
        if (!list) hits.set(key, (list = []));
        list.push([seg, o]);
      }
    }
  }
  return hits;
}

/**
 * Per-slot working arrays, reused from query to query: allocating them afresh costs more
 * (and feeds the garbage collector more) than clearing them at 50,000 items.
 */
export class Scratch {
  private size = 0;
  scores = new Float64Array(0);
  tfw = new Float64Array(0);
  touched = new Int32Array(0);
  seen = new Int32Array(0);
  reqHits = new Uint16Array(0);
  banned = new Uint8Array(0);
  matched = new Uint8Array(0);
  alive = new Uint8Array(0);
  verified = new Uint8Array(0);
  slots = new Int32Array(0);

  /** Clears (and if needed grows) the arrays for `total` slots. */
  reset(total: number): void {
    if (total > this.size) {
      this.size = Math.max(total, Math.ceil(this.size * 1.25));
      this.scores = new Float64Array(this.size);
      this.tfw = new Float64Array(this.size);
      this.touched = new Int32Array(this.size);
      this.seen = new Int32Array(this.size);
      this.reqHits = new Uint16Array(this.size);
      this.banned = new Uint8Array(this.size);
      this.matched = new Uint8Array(this.size);
      this.alive = new Uint8Array(this.size);
      this.verified = new Uint8Array(this.size);
      this.slots = new Int32Array(this.size);
      return;
    }
    this.scores.fill(0, 0, total);
    this.seen.fill(0, 0, total);
    this.reqHits.fill(0, 0, total);
    this.banned.fill(0, 0, total);
    this.matched.fill(0, 0, total);
  }
}

export function evaluate(segments: Segment[], clauses: Clause[], languages: string[], scratch = new Scratch()): Evaluation {
  let total = 0;
  for (const s of segments) total += s.size;
  const stats = collectionStats(segments);
  scratch.reset(total);
  const { scores, banned, matched, reqHits, seen, tfw, touched, alive } = scratch;
  const terms = new Set<string>();
  let required = 0;
  let positive = 0;

  // BM25F: a term's frequencies in each field, weighted by field boost and normalised by
  // field length, add up to one pseudo-frequency per item before saturation; idf counts
  // items with the term in any of the fields. A title match then counts more without a
  // rare-in-titles idf blowing it up.
  for (const seg of segments) alive.set(seg.alive, seg.base);
  const accumulate = (hits: Hits, fields: readonly number[], boost: number, only: Uint8Array | null, mark: (slot: number) => void) => {
    for (const list of hits.values()) {
      let nt = 0;
      for (const f of fields) {
        const avg = stats.avg[f];
        const fb = FIELD_BOOST[f];
        for (const [seg, o] of list) {
          const end = seg.offsets[o * F + f + 1];
          const { docs, tfs, lengths, base } = seg;
          for (let i = seg.offsets[o * F + f]; i < end; i++) {
            const d = docs[i];
            const slot = base + d;
            if (tfw[slot] === 0) touched[nt++] = slot;
            tfw[slot] += (fb * tfs[i]) / (1 - B + (B * lengths[d * F + f]) / avg);
          }
        }
      }
      if (nt === 0) continue;
      const w = boost * idf(nt, stats.n) * (K1 + 1);
      for (let k = 0; k < nt; k++) {
        const slot = touched[k];
        const x = tfw[slot];
        tfw[slot] = 0;
        if (!alive[slot] || (only && !only[slot])) continue;
        scores[slot] += (w * x) / (K1 + x);
        mark(slot);
      }
    }
  };

  clauses.forEach((c, ci) => {
    const stamp = ci + 1;
    if (c.presence !== 'prohibited') positive++;
    if (c.kind === 'phrase') {
      const verified = phraseMatches(c, segments, languages, total, scratch);
      if (!verified) return;
      if (c.presence === 'prohibited') {
        for (let s = 0; s < total; s++) if (verified[s]) banned[s] = 1;
        return;
      }
      required++;
      const hits: Hits = new Map();
      for (const w of c.words) {
        const tc: TermClause = { kind: 'term', term: w, fields: [...STREAM_FIELDS], presence: 'required', boost: 1, editDistance: 0, usePipeline: true };
        for (const [k, v] of expand(tc, segments, languages)) hits.set(k, v);
      }
      for (const k of hits.keys()) terms.add(k);
      accumulate(hits, STREAM_FIELDS, 1, verified, () => {});
      for (let s = 0; s < total; s++) {
        if (verified[s]) {
          matched[s] = 1;
          reqHits[s]++;
        }
      }
      return;
    }
    const hits = expand(c, segments, languages);
    if (c.usePipeline && stemsOf(c.term, languages).length === 0 && c.editDistance === 0) {
      // Every form was a stop word: the clause says nothing, so it neither requires nor counts.
      if (c.presence !== 'prohibited') positive--;
      return;
    }
    if (c.presence === 'prohibited') {
      for (const list of hits.values()) {
        for (const f of c.fields) {
          for (const [seg, o] of list) {
            const end = seg.offsets[o * F + f + 1];
            for (let i = seg.offsets[o * F + f]; i < end; i++) banned[seg.base + seg.docs[i]] = 1;
          }
        }
      }
      return;
    }
    for (const k of hits.keys()) terms.add(k);
    if (c.presence === 'required') {
      required++;
      accumulate(hits, c.fields, c.boost, null, (slot) => {
        matched[slot] = 1;
        if (seen[slot] !== stamp) {
          seen[slot] = stamp;
          reqHits[slot]++;
        }
      });
    } else {
      accumulate(hits, c.fields, c.boost, null, (slot) => {
        matched[slot] = 1;
      });
    }
  });

  if (positive === 0 && clauses.length > 0 && clauses.every((c) => c.presence === 'prohibited')) {
    return { slots: null, count: 0, scores, banned, terms };
  }
  const slots = scratch.slots;
  let count = 0;
  for (let s = 0; s < total; s++) {
    if (!matched[s] || banned[s]) continue;
    if (required > 0 && reqHits[s] < required) continue;
    slots[count++] = s;
  }
  return { slots, count, scores, banned, terms };
}

/**
 * Slots whose title, body or notes hold the phrase's words at consecutive positions; null
 * if none can. A word the pipeline drops (a stop word) stands for any one word. Candidates
 * come from the positional postings (items holding every word), and each is checked from
 * its rarest word, so the cost follows how often the words occur, not how long items are.
 */
function phraseMatches(c: PhraseClause, segments: Segment[], languages: string[], total: number, scratch: Scratch): Uint8Array | null {
  // Per position: the stems it may take (several languages), or null for a dropped word.
  const pattern = c.words.map((w) => {
    const s = stemsOf(w, languages);
    return s.length ? s : null;
  });
  while (pattern.length && pattern[0] === null) pattern.shift();
  while (pattern.length && pattern[pattern.length - 1] === null) pattern.pop();
  if (pattern.length === 0) return null;
  const out = scratch.verified.subarray(0, total);
  out.fill(0);
  // `seen` marks which phrase word last counted a slot (negative, unlike clause stamps);
  // it is cleared afterwards, which earlier clauses no longer need.
  const count = new Uint8Array(total);
  const stamp = scratch.seen;
  const needed = pattern.filter((p) => p !== null).length;
  for (const seg of segments) {
    const ords: Array<number[] | null> = pattern.map((p) => (p ? p.map((t) => seg.find(t)).filter((o) => o >= 0) : null));
    if (ords.some((o) => o !== null && o.length === 0)) continue;
    const pos = seg.stream();
    let k = 0;
    const candidates: number[] = [];
    for (const o of ords) {
      if (!o) continue;
      k++;
      for (const t of o) {
        for (let i = pos.termOffsets[t]; i < pos.termOffsets[t + 1]; i++) {
          const d = pos.docs[i];
          const slot = seg.base + d;
          if (stamp[slot] === -k) continue;
          stamp[slot] = -k;
          if (++count[slot] === needed && seg.alive[d]) candidates.push(d);
        }
      }
    }
    // Candidates ascend, and so does each word's list of items: walk them side by side.
    candidates.sort((x, y) => x - y);
    const single = ords.map((o) => (o && o.length === 1 ? o[0] : -1));
    const cursor = single.map((t) => (t >= 0 ? pos.termOffsets[t] : 0));
    const lists: Array<Uint32Array[] | null> = ords.map((o) => (o ? [] : null));
    for (const d of candidates) {
      let anchor = -1;
      let fewest = Infinity;
      for (let j = 0; j < ords.length; j++) {
        const o = ords[j];
        if (!o) continue;
        const l = lists[j]!;
        l.length = 0;
        if (single[j] >= 0) {
          let i = cursor[j];
          while (pos.docs[i] < d) i++;
          cursor[j] = i;
          l.push(pos.positions.subarray(pos.starts[i], pos.starts[i + 1]));
        } else {
          for (const t of o) l.push(seg.positionsOf(t, d));
        }
        let n = 0;
        for (const x of l) n += x.length;
        if (n < fewest) {
          fewest = n;
          anchor = j;
        }
      }
      search: for (const list of lists[anchor]!) {
        for (let i = 0; i < list.length; i++) {
          const start = list[i] - anchor;
          if (start < 0) continue;
          let ok = true;
          for (let j = 0; j < lists.length && ok; j++) {
            const l = lists[j];
            if (j === anchor || !l) continue;
            ok = false;
            for (const x of l) if (contains(x, start + j)) ok = true;
          }
          if (ok) {
            out[seg.base + d] = 1;
            break search;
          }
        }
      }
    }
  }
  stamp.fill(0, 0, total);
  return out;
}

function contains(sorted: Uint32Array, v: number): boolean {
  if (sorted.length < 8) {
    for (let i = 0; i < sorted.length; i++) if (sorted[i] === v) return true;
    return false;
  }
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid];
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

// Runs parsed clauses over every segment at once and scores with BM25F (k1 1.2, b 0.75,
// lunr's idf). Statistics are summed over all segments but kept per analysis language, so a
// segmented index scores as one index would, and items in one language never move another's.
// The evaluation is a series of steps (a generator): a caller may give the thread back
// between them, so a first search, whose code and data are cold, never holds it long.

import { F, FIELD_BOOST, FIELD_INDEX } from './fields';
import { phraseMatches } from './phrase';
import type { Clause } from './query-parser';
import type { Segment } from './segment';
import { idf } from './idf';
import { expandPhrase, expandWord, readPostings, type Hits } from './terms';
import { K1, markConstant, matchingSlots, saturate, Scratch, STEP_POSTINGS, weighPostings } from './score-loops';

/** What the exact accented form adds to a match of its folded form. */
const EXACT_WEIGHT = 0.3;
/** Past this many alternatives for one word, each matching item scores CONSTANT_SCORE. */
const MAX_SCORED_ALTERNATIVES = 256;
const CONSTANT_SCORE = 1;
const ALL_FIELDS = Array.from({ length: F }, (_, f) => f);
/** A completion of the word being typed counts this much more in a title: while typing, a
 *  reader is most often after a headline they remember. */
const ALTERNATIVE_TITLE_BOOST = 2;
const TITLE = FIELD_INDEX.title;

export interface Evaluation {
  /** Matching slots (segment base + ordinal) ascending, in slots[0..count), or null when
   *  the query only excludes. Valid until the next evaluation with the same scratch. */
  slots: Int32Array | null;
  count: number;
  scores: Float64Array;
  banned: Uint8Array;
  /** Index terms the query matched, for marking snippets. */
  terms: Set<string>;
  /** Per language, the positive words' terms in query order with their query positions. */
  sequence: Map<string, Array<{ term: string; qpos: number }>>;
  /** Wildcard words that matched so many words that only the most common were searched. */
  truncated: string[];
}

/** Collection statistics of one analysis language. */
export interface LangStats {
  n: number;
  avg: Float64Array;
}
export type Stats = Map<string, LangStats>;

export function collectionStats(segments: Segment[]): Stats {
  const sums = new Map<string, { n: number; len: Float64Array; nonEmpty: Float64Array }>();
  for (const s of segments) {
    for (const [l, t] of s.langTotals) {
      let x = sums.get(l);
      if (!x) sums.set(l, (x = { n: 0, len: new Float64Array(F), nonEmpty: new Float64Array(F) }));
      x.n += t.n;
      for (let f = 0; f < F; f++) {
        x.len[f] += t.len[f];
        x.nonEmpty[f] += t.nonEmpty[f];
      }
    }
  }
  const out: Stats = new Map();
  for (const [l, x] of sums) {
    // The average over items that have the field at all: most items have no tags or notes,
    // and an average near zero would make one tag or note look endlessly long.
    const avg = new Float64Array(F);
    for (let f = 0; f < F; f++) avg[f] = x.nonEmpty[f] > 0 ? Math.max(x.len[f] / x.nonEmpty[f], 1) : 1;
    out.set(l, { n: x.n, avg });
  }
  return out;
}

export { idf } from './idf';

export interface EvalOptions {
  /** Stop words count as words (a query made only of them). */
  stopWords?: boolean;
}

/** The evaluation in one go. */
export function evaluate(
  segments: Segment[],
  clauses: Clause[],
  languages: string[],
  scratch = new Scratch(),
  opts: EvalOptions = {},
): Evaluation {
  return drain(evaluateInSteps(segments, clauses, languages, scratch, opts));
}

/** Runs steps to their end without pausing. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The evaluation as steps of about STEP_POSTINGS postings each (and one per clause's
 * expansion and per segment of a phrase). Between steps nothing may change the segments'
 * bases or the scratch arrays: the caller holds both until the evaluation ends.
 */
export function* evaluateInSteps(
  segments: Segment[],
  clauses: Clause[],
  languages: string[],
  scratch = new Scratch(),
  opts: EvalOptions = {},
): Generator<void, Evaluation> {
  let total = 0;
  for (const s of segments) total += s.size;
  const stats = collectionStats(segments);
  scratch.reset(total);
  const { scores, banned, matched, reqHits, seen, tfw, touched, alive } = scratch;
  const terms = new Set<string>();
  const sequence = new Map<string, Array<{ term: string; qpos: number }>>();
  const truncated: string[] = [];
  let required = 0;
  let positive = 0;

  // BM25F: a term's frequencies in each field, weighted by field boost and normalised by
  // field length, add up to one pseudo-frequency per item before saturation; idf counts
  // items with the term in any of the fields. A title match then counts more without a
  // rare-in-titles idf blowing it up.
  for (const seg of segments) alive.set(seg.alive, seg.base);
  yield;
  const dfOf = (list: Array<[Segment, number]>, fields: readonly number[]): number => {
    let df = 0;
    for (const [seg, o] of list) for (const f of fields) df += seg.spans.count(o, f);
    return df;
  };
  const { best, bestTouched } = scratch;
  let nb = 0;
  /** Postings walked since the last step ended. */
  let work = 0;
  /** Counts term `o`'s postings in field `f` of `seg` as walked; true once a step's worth has been. */
  const walked = (seg: Segment, o: number, f: number): boolean => {
    work += seg.spans.count(o, f);
    if (work < STEP_POSTINGS) return false;
    work = 0;
    return true;
  };
  function* accumulate(
    hits: Hits,
    fields: readonly number[],
    boost: number,
    only: Uint8Array | null,
    mark: ((slot: number) => void) | null,
  ): Generator<void, void> {
    // Very many alternatives (a wildcard like "a*") score as one constant, as full-text
    // engines rewrite such queries: ranking by thousands of words costs more than it tells.
    const constant = hits.alternatives.size > MAX_SCORED_ALTERNATIVES;
    // Alternatives share one idf, that of the word as typed so far (the items holding any of
    // them): among completions of "defe", a title with "defends" ranks above a body with the
    // rarer "defectors", as the reader typing a remembered title expects.
    const groupDf = new Map<string, number>();
    if (!constant) {
      for (const key of hits.alternatives) {
        const list = hits.list.get(key)!;
        let df = groupDf.get(list.language) ?? 0;
        for (const [seg, o] of list.at) {
          let most = 0;
          for (const f of fields) most = Math.max(most, seg.spans.count(o, f));
          df += most;
        }
        groupDf.set(list.language, df);
      }
    }
    for (const [key, list] of hits.list) {
      const alt = hits.alternatives.has(key);
      if (constant && alt) {
        const v = boost * CONSTANT_SCORE;
        for (const f of fields) {
          for (const [seg, o] of list.at) {
            nb = markConstant(seg, o, f, v, best, bestTouched, nb, alive, only, mark);
            if (walked(seg, o, f)) yield;
          }
        }
        continue;
      }
      const st = stats.get(list.language);
      if (!st) continue;
      let nt = 0;
      for (const f of fields) {
        const avg = st.avg[f];
        const fb = alt && f === TITLE ? FIELD_BOOST[f] * ALTERNATIVE_TITLE_BOOST : FIELD_BOOST[f];
        for (const [seg, o] of list.at) {
          nt = weighPostings(seg, o, f, fb, avg, tfw, touched, nt);
          if (walked(seg, o, f)) yield;
        }
      }
      if (nt === 0) continue;
      const gdf = alt ? groupDf.get(list.language) : undefined;
      let termIdf = idf(gdf !== undefined ? Math.min(Math.max(gdf, nt), st.n) : nt, st.n);
      const cap = hits.idfCap.get(key);
      if (cap !== undefined) termIdf = Math.min(termIdf, cap);
      const w = boost * (hits.weight.get(key) ?? 1) * termIdf * (K1 + 1);
      for (let k = 0; k < nt; k += STEP_POSTINGS) {
        if (k > 0) yield;
        const to = Math.min(nt, k + STEP_POSTINGS);
        nb = saturate(scratch, k, to, w, alt, nb, only, mark);
      }
    }
    for (let k = 0; k < nb; k++) {
      const slot = bestTouched[k];
      scores[slot] += best[slot];
      best[slot] = 0;
    }
    nb = 0;
  }

  for (let ci = 0; ci < clauses.length; ci++) {
    const c = clauses[ci];
    const stamp = ci + 1;
    if (c.kind === 'phrase') {
      const plan = expandPhrase(c.text, c.compound, segments, languages);
      yield;
      yield* readPostings(plan.hits.list.values());
      yield* readPostings(plan.wholes);
      if (plan.patterns.length === 0) continue;
      if (c.presence !== 'prohibited') positive++;
      const verified = scratch.verified.subarray(0, total);
      verified.fill(0);
      for (const p of plan.patterns) yield* phraseMatches(p, segments, total, seen, scratch.phraseCount, verified);
      for (const w of plan.wholes) {
        for (const [seg, o] of w.at) {
          for (let f = 0; f < F; f++) {
            const end = seg.spans.end(o, f);
            for (let i = seg.spans.start(o, f); i < end; i++) verified[seg.base + seg.docs[i]] = 1;
          }
        }
      }
      if (c.presence === 'prohibited') {
        for (let s = 0; s < total; s++) if (verified[s]) banned[s] = 1;
        continue;
      }
      if (c.presence === 'required') required++;
      addTerms(terms, plan.hits);
      yield* accumulate(plan.hits, ALL_FIELDS, 1, verified, null);
      for (let s = 0; s < total; s++) {
        if (verified[s] && alive[s]) {
          matched[s] = 1;
          if (c.presence === 'required') reqHits[s]++;
        }
      }
      for (const [l, t] of plan.sequence) push(sequence, l, t, c.qpos);
      continue;
    }
    const ex = expandWord(c, segments, languages, !!opts.stopWords, (list) => dfOf(list, c.fields), stats);
    yield;
    yield* readPostings(ex.hits.list.values());
    yield* readPostings(ex.exact.list.values());
    if (ex.truncated) truncated.push(c.text);
    if (!ex.meaningful) continue; // A stop word says nothing: it neither requires nor counts.
    if (c.presence === 'prohibited') {
      for (const list of ex.hits.list.values()) {
        for (const f of c.fields) {
          for (const [seg, o] of list.at) {
            const end = seg.spans.end(o, f);
            for (let i = seg.spans.start(o, f); i < end; i++) banned[seg.base + seg.docs[i]] = 1;
          }
        }
      }
      continue;
    }
    positive++;
    addTerms(terms, ex.hits);
    addTerms(terms, ex.exact);
    for (const [l, t] of ex.primary) push(sequence, l, t, c.qpos);
    if (c.presence === 'required') {
      required++;
      yield* accumulate(ex.hits, c.fields, c.boost, null, (slot) => {
        matched[slot] = 1;
        if (seen[slot] !== stamp) {
          seen[slot] = stamp;
          reqHits[slot]++;
        }
      });
    } else {
      yield* accumulate(ex.hits, c.fields, c.boost, null, (slot) => {
        matched[slot] = 1;
      });
    }
    // The exact accented form ranks first among the matches of its folded form.
    if (ex.exact.list.size > 0) yield* accumulate(ex.exact, c.fields, c.boost * EXACT_WEIGHT, matched, null);
  }

  if (positive === 0 && clauses.length > 0 && clauses.every((c) => c.presence === 'prohibited')) {
    return { slots: null, count: 0, scores, banned, terms, sequence, truncated };
  }
  const slots = scratch.slots;
  let count = 0;
  for (let w = 0, n = (total + 3) >>> 2; w < n; w += STEP_POSTINGS) {
    if (w > 0) yield;
    count = matchingSlots(scratch, w, Math.min(n, w + STEP_POSTINGS), total, required, count);
  }
  return { slots, count, scores, banned, terms, sequence, truncated };
}

/** The index terms a query matched, for marking snippets. */
function addTerms(terms: Set<string>, hits: Hits): void {
  for (const l of hits.list.values()) for (const [seg, o] of l.at) terms.add(seg.terms.at(o));
}

function push(seq: Map<string, Array<{ term: string; qpos: number }>>, lang: string, term: string, qpos: number): void {
  let l = seq.get(lang);
  if (!l) seq.set(lang, (l = []));
  l.push({ term, qpos });
}

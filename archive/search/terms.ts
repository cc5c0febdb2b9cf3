// Turns a typed word or phrase into the index terms it stands for, once per analysis language
// present: a word reaches an item only through that item's language's analysis. A word's
// stem is its main term; its exact accented form, its prefix completions (the word being
// typed, or `word*`) and its spelling neighbours (`word~1`) are extra terms, weighted below it.

import { analyzerFor, bareTerm, eachToken, STEM, STOP, SURFACE, SURFACE_MARK, UNI, WHOLE } from './analyzer';
import { foldLower, lowerForm } from './normalize';
import type { PhrasePattern } from './phrase';
import type { WordClause } from './query-parser';
import { idf } from './idf';
import type { Stats } from './scorer';
import type { Segment } from './segment';

/** One scored pseudo-term: index terms in some segments whose frequencies add up. */
export interface TermList {
  language: string;
  at: Array<[Segment, number]>;
}

export interface Hits {
  list: Map<string, TermList>;
  /** Weight of a key below 1 (prefix completions). */
  weight: Map<string, number>;
  /** A completion's idf never exceeds the idf of the word as typed. */
  idfCap: Map<string, number>;
  /** Keys that are alternatives for one word (its completions or spelling neighbours): an
   *  item scores by the best of them, not their sum, so a rare completion in a title beats
   *  many common ones in a body. */
  alternatives: Set<string>;
}

/** What a prefix-only match counts against a match of the whole word or its stem. */
export const PREFIX_WEIGHT = 0.4;

const newHits = (): Hits => ({ list: new Map(), weight: new Map(), idfCap: new Map(), alternatives: new Set() });

function add(h: Hits, key: string, language: string, seg: Segment, o: number): void {
  let l = h.list.get(key);
  if (!l) h.list.set(key, (l = { language, at: [] }));
  // Only offsets are read here: the caller reads the postings (scorer.ts, in steps).
  l.at.push([seg, o]);
}

function addTerm(h: Hits, term: string, language: string, segments: Segment[]): boolean {
  let found = false;
  for (const seg of segments) {
    const o = seg.find(term);
    if (o >= 0) {
      add(h, term, language, seg, o);
      found = true;
    }
  }
  return found;
}

export interface WordExpansion {
  hits: Hits;
  exact: Hits;
  /** False when the word is a stop word in every language (and stop words are not asked for). */
  meaningful: boolean;
  /** Per language, the word's main term, for the proximity boost. */
  primary: Array<[string, string]>;
  /** A wildcard matched so many words that only the most common were searched. */
  truncated: boolean;
}

/** Surface terms are grouped by the stem of the word they spell, so "tory" and "tory's" or
 *  "government" and "governments" count as one term, as a stem match would. */
function addSurfaceGroup(
  h: Hits,
  a: ReturnType<typeof analyzerFor>,
  seg: Segment,
  ords: number[],
  skipStem: string | null,
  weight: number,
  cap: number | undefined,
): void {
  for (const o of ords) {
    const stem = a.stem(bareTerm(seg.terms.at(o)));
    if (stem === skipStem) continue;
    const key = SURFACE_MARK + stem;
    add(h, key, a.language, seg, o);
    h.alternatives.add(key);
    if (weight !== 1) h.weight.set(key, weight);
    if (cap !== undefined) h.idfCap.set(key, cap);
  }
}

export function expandWord(
  c: WordClause,
  segments: Segment[],
  languages: string[],
  stopWords: boolean,
  dfOf: (list: Array<[Segment, number]>) => number,
  stats: Stats,
): WordExpansion {
  const hits = newHits();
  const exact = newHits();
  const primary: Array<[string, string]> = [];
  let meaningful = false;
  let truncated = false;
  const low = lowerForm(c.text);
  const folded = foldLower(low);
  for (const lang of languages) {
    const a = analyzerFor(lang);
    const head = SURFACE_MARK + a.ns;
    if (c.prefix === 'explicit') {
      meaningful = true;
      const found = segments.map((seg) => ({ seg, ords: seg.wildcard(head, folded) }));
      if (limitWildcard(found)) truncated = true;
      for (const { seg, ords } of found) addSurfaceGroup(hits, a, seg, ords, null, 1, undefined);
      continue;
    }
    let main: string | null = null;
    let stem: string | null = null;
    if (a.isStop(low, folded)) {
      // An acronym typed in capitals ("US", "WHO") finds itself; other stop words count only
      // in a query made of nothing else.
      if (c.text.length >= 2 && c.text === c.text.toUpperCase() && c.text !== low) main = a.ns + c.text.toUpperCase();
      else if (stopWords) main = a.ns + folded;
    } else if (
      c.prefix !== 'last' ||
      !a.word(c.text).kinds.includes(SURFACE) ||
      segments.some((seg) => seg.find(head + folded) >= 0)
    ) {
      // (A word still being typed counts as a word only if some item has it as written:
      // "mani" is the stem of "many", but whoever types it is on the way to "manics".)
      const w = a.word(c.text);
      const i = w.kinds.indexOf(STEM);
      main = i >= 0 ? w.terms[i] : a.stem(folded);
      stem = main;
    }
    let cap: number | undefined;
    if (main !== null) {
      meaningful = true;
      primary.push([a.language, main]);
      if (addTerm(hits, main, a.language, segments)) {
        const st = stats.get(a.language);
        if (st) cap = idf(dfOf(hits.list.get(main)!.at), st.n);
      }
      if (low !== folded) addTerm(exact, a.ns + low, a.language, segments);
    }
    if (c.editDistance > 0 && folded.length > 1) {
      meaningful = true;
      for (const seg of segments)
        addSurfaceGroup(hits, a, seg, seg.fuzzy(folded, c.editDistance, head), stem, 1, undefined);
    }
    if (c.prefix === 'last' && [...folded].length >= 3) {
      meaningful = true;
      for (const seg of segments) {
        const [lo, hi] = seg.prefixRange(head + folded);
        const ords: number[] = [];
        for (let o = lo; o < hi; o++) ords.push(o);
        addSurfaceGroup(hits, a, seg, ords, stem, PREFIX_WEIGHT, cap);
      }
    }
  }
  return { hits, exact, meaningful, primary, truncated };
}

/** Past this many postings, a wildcard is searched through its most common words only. */
export const WILDCARD_POSTINGS = 200_000;

/**
 * Keeps a wildcard's words within WILDCARD_POSTINGS, most common first: a pattern like "*e*"
 * matches most words of the archive, and its most common words already reach nearly every
 * item that any of them would. Returns true when words were left out.
 */
function limitWildcard(found: Array<{ seg: Segment; ords: number[] }>): boolean {
  let total = 0;
  let count = 0;
  for (const { seg, ords } of found) {
    count += ords.length;
    for (const o of ords) total += seg.spans.termEnd(o) - seg.spans.termStart(o);
  }
  if (total <= WILDCARD_POSTINGS) return false;
  // The postings count from which words are kept: the largest counts, summed, reach the budget.
  const sizes = new Float64Array(count);
  let i = 0;
  for (const { seg, ords } of found) for (const o of ords) sizes[i++] = seg.spans.termEnd(o) - seg.spans.termStart(o);
  sizes.sort().reverse();
  let used = 0;
  let threshold = 0;
  for (const n of sizes) {
    threshold = n;
    used += n;
    if (used >= WILDCARD_POSTINGS) break;
  }
  for (const f of found) f.ords = f.ords.filter((o) => f.seg.spans.termEnd(o) - f.seg.spans.termStart(o) >= threshold);
  return true;
}

/** Reads the postings of every term in `lists`, a step after each term of a segment whose
 *  postings had to be read from its file (a first search's). */
export function* readPostings(lists: Iterable<TermList>): Generator<void, void> {
  for (const l of lists) for (const [seg, o] of l.at) if (seg.loadPostings(o)) yield;
}

export interface PhraseExpansion {
  /** One pattern per language in which the phrase has words. */
  patterns: PhrasePattern[];
  /** The compound's whole form, where the index has it. */
  wholes: TermList[];
  /** The phrase's scored terms (its stop words too when it has nothing else). */
  hits: Hits;
  sequence: Array<[string, string]>;
}

export function expandPhrase(
  text: string,
  compound: boolean,
  segments: Segment[],
  languages: string[],
): PhraseExpansion {
  const patterns: PhrasePattern[] = [];
  const wholes: TermList[] = [];
  const hits = newHits();
  for (const lang of languages) {
    const a = analyzerFor(lang);
    const main: Array<string | undefined> = [];
    const uni: Array<string | undefined> = [];
    const scored: string[] = [];
    const stops: string[] = [];
    const whole: string[] = [];
    eachToken(text, a, (kind, term, _s, _e, pos) => {
      if ((kind === STEM || kind === STOP) && main[pos] === undefined) main[pos] = term;
      if (kind === UNI) uni[pos] = term;
      if (kind === STEM) scored.push(term);
      if (kind === STOP) stops.push(term);
      if (kind === WHOLE) whole.push(term);
    });
    const width = Math.max(main.length, uni.length);
    if (width === 0) continue;
    const pattern: PhrasePattern = [];
    for (let p = 0; p < width; p++) {
      const t = main[p] ?? uni[p];
      pattern.push(t ? [t] : null);
    }
    patterns.push(pattern);
    for (const t of scored.length ? scored : stops) addTerm(hits, t, a.language, segments);
    if (compound) {
      for (const t of whole) {
        const l: TermList = { language: a.language, at: [] };
        for (const seg of segments) {
          const o = seg.find(t);
          if (o >= 0) l.at.push([seg, o]);
        }
        if (l.at.length) wholes.push(l);
      }
    }
  }
  return { patterns, wholes, hits, sequence: [] };
}

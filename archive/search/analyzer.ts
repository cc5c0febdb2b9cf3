// Turns text into index terms, the same way for an item's text and for what a reader types:
// words found by one pattern, normalised once (normalize.ts), then stop words, stemming and
// term namespaces by the item's language, so that a query meets an item only through that
// item's own language. Each distinct raw word is analysed once; later sightings hit a cache.

import lunr from 'lunr';
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { APOSTROPHE, ELISIONS, foldLower, lowerForm } from './normalize';
import { TwoGenerations } from './two-generations';

const nodeRequire = createRequire(import.meta.url);

/**
 * What an emitted index term is for. STEM: the word's stem, scored, counted in field length.
 * STOP: a stop word as written, used only by phrases and queries made of stop words. SURFACE:
 * the folded word as written (unstemmed), for prefixes and typo corrections. EXACT: the word
 * with its accents, so the exact form ranks first. UPPER: an all-capital stop word ("US",
 * "WHO"), so acronyms stay findable. WHOLE: a compound as one word ("stateoftheart",
 * "bbc.co.uk"). UNI: a single CJK character inside a longer run.
 */
export const STEM = 0;
export const STOP = 1;
export const SURFACE = 2;
export const EXACT = 3;
export const UPPER = 4;
export const WHOLE = 5;
export const UNI = 6;
export type TermKind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Whether a kind of term has word positions (phrases and proximity read them). */
export const POSITIONED: readonly boolean[] = [true, true, false, false, true, true, true];

/** Surface terms sort apart from every other term, so a prefix range holds only them. */
export const SURFACE_MARK = '\u0002';
const NS_END = '\u0001';

/** Languages whose lunr-languages module has a stemmer and a stop-word list. */
const SUPPORTED = new Set(['ar', 'da', 'de', 'du', 'es', 'fi', 'fr', 'hu', 'it', 'no', 'pt', 'ro', 'ru', 'sv', 'tr']);
/** Words (and stems, stop-word answers) each analyser remembers, in each of two generations.
 *  A build worker analyses a whole batch of items and lives for one job, so it keeps many;
 *  the thread that answers analyses queries, the bodies its snippets are cut from and the
 *  items edits change, for as long as the app runs. A word takes some 520 bytes with its
 *  stem and stop-word answer, so it keeps 65,536 at most (some 35 MB). Fewer cost the
 *  snippets: with 16,384 the 50k query mix took 8% more CPU. */
const CACHE_LIMIT = isMainThread ? 32_768 : 200_000;
/** Words a pass analyzer remembers in each generation: an article's vocabulary, a few thousand. */
const PASS_LIMIT = 8_192;

/** The term namespace of a language ("en\u0001", "fr\u0001"): every term carries one, so
 *  a term from one language's analysis can never match an item in another. */
export function namespaceOf(language: string): string {
  return language + NS_END;
}

/** The analysis language of an index term (of any kind). */
export function languageOfTerm(term: string): string {
  const i = term.indexOf(NS_END);
  return term.charCodeAt(0) === 2 ? term.slice(1, i) : term.slice(0, i);
}

/** An index term without its namespace and surface mark, as a reader would read it. */
export function bareTerm(term: string): string {
  return term.slice(term.indexOf(NS_END) + 1);
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;
const CJK_ANY = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+$/u;

export function isCjkTerm(term: string): boolean {
  return CJK_ONLY.test(bareTerm(term));
}

/**
 * A word: runs of letters, digits and marks joined by connecting punctuation with no space
 * ("state-of-the-art", "Britain's", "l’Assemblée", "10:30", "3.5", "bbc.co.uk", URLs). Anything
 * else (spaces, dashes between spaces, quotes, brackets) separates words.
 */
export const WORD =
  /[\p{L}\p{N}\p{M}]+(?:(?:[-\u2010\u2011'\u2019\u2018\u02bc.:@&+_=?#%~,]|:\/\/|\/)+[\p{L}\p{N}\p{M}]+)*/gu;
const PIECE = /[\p{L}\p{N}\p{M}]+/gu;
const HYPHEN = /^[-\u2010\u2011]+$/;
const NUMERIC = /^\p{N}+$/u;

/** One analysed word: flat (kind, term, start, end, position) entries relative to the word. */
interface WordTerms {
  kinds: TermKind[];
  terms: string[];
  /** start, end pairs. */
  spans: number[];
  pos: number[];
  /** Positions the word takes. */
  width: number;
}

export interface Analyzer {
  readonly language: string;
  readonly ns: string;
  /** Whether a word (lower-cased, and folded) is a stop word for this language. English stop
   *  words count in every language, or they would match the English boilerplate of foreign pages. */
  isStop(low: string, folded: string): boolean;
  /** The namespaced stem of a folded word. */
  stem(folded: string): string;
  /** The terms of one word as WORD matches it. */
  word(raw: string): WordTerms;
}

let stemmerSupportLoaded = false;
type TokenFn = (t: lunr.Token) => lunr.Token | undefined;

function languageModule(language: string): { stem: TokenFn; stop: TokenFn } | null {
  if (language === 'en') return null;
  try {
    if (!stemmerSupportLoaded) {
      nodeRequire('lunr-languages/lunr.stemmer.support.js')(lunr);
      stemmerSupportLoaded = true;
    }
    const l = lunr as unknown as Record<string, Record<string, TokenFn> | undefined>;
    if (!l[language]) nodeRequire(`lunr-languages/lunr.${language}.js`)(lunr);
    const m = l[language];
    if (m?.stemmer && m.stopWordFilter) return { stem: m.stemmer, stop: m.stopWordFilter };
  } catch {
    // A language module that fails to load falls back to English rather than failing the index.
  }
  return null;
}

const enStop = lunr.stopWordFilter as unknown as TokenFn;
const enStem = lunr.stemmer as unknown as TokenFn;

/** True for the words lunr's English pipeline drops as too common to search ("the", "to"). */
export function isEnglishStopWord(word: string): boolean {
  return enStop(new lunr.Token(word, {})) === undefined;
}

const analyzers = new Map<string, Analyzer>();

/** The language an item or query word is analysed in: a supported BCP 47 primary tag, else English. */
export function analysisLanguage(tag: string | null | undefined): string {
  let lang = (tag ?? 'en').toLowerCase().split(/[-_]/)[0] || 'en';
  if (lang === 'nl') lang = 'du';
  return SUPPORTED.has(lang) && languageModule(lang) ? lang : 'en';
}

const byTag = new Map<string, Analyzer>();

/** The analyzer for a BCP 47 tag ("fr", "fr-CA"); unknown languages use English. */
export function analyzerFor(languageTag: string | null | undefined): Analyzer {
  const tag = languageTag ?? 'en';
  const known = byTag.get(tag);
  if (known) return known;
  const a = analyzerForLanguage(analysisLanguage(tag));
  if (byTag.size < 1000) byTag.set(tag, a);
  return a;
}

function analyzerForLanguage(lang: string): Analyzer {
  let a = analyzers.get(lang);
  if (!a) analyzers.set(lang, (a = makeAnalyzer(lang, CACHE_LIMIT)));
  return a;
}

/**
 * An analyzer of its own for one pass over a few items' whole text (the items edits changed,
 * analysed on the thread that answers): it remembers their words only while the pass lasts.
 * Through the shared analyzer, every edited article's vocabulary stayed in that thread's memo
 * for the session (300 edits took it from 1.5 to 16.6 MB), crowding out the words queries and
 * snippets ask for again.
 */
export function passAnalyzer(languageTag: string | null | undefined): Analyzer {
  return makeAnalyzer(analysisLanguage(languageTag), PASS_LIMIT);
}

function makeAnalyzer(lang: string, limit: number): Analyzer {
  const mod = languageModule(lang);
  const ns = namespaceOf(lang);
  const stopFn = mod?.stop;
  const stemFn = mod?.stem ?? enStem;
  const isStopRaw = (w: string): boolean =>
    enStop(new lunr.Token(w, {})) === undefined ||
    (stopFn !== undefined && stopFn(new lunr.Token(w, {})) === undefined);
  const stops = new TwoGenerations<boolean>(limit);
  const stems = new TwoGenerations<string>(limit);
  const words = new TwoGenerations<WordTerms>(limit);
  const analyzer: Analyzer = {
    language: lang,
    ns,
    isStop(low, folded) {
      let s = stops.get(low);
      if (s === undefined) {
        s = isStopRaw(low) || (folded !== low && isStopRaw(folded));
        stops.set(low, s);
      }
      return s;
    },
    stem(folded) {
      let s = stems.get(folded);
      if (s === undefined) {
        s = ns + (CJK_ONLY.test(folded) ? folded : (stemFn(new lunr.Token(folded, {})) ?? folded).toString());
        stems.set(folded, s);
      }
      return s;
    },
    word(raw) {
      let w = words.get(raw);
      if (w === undefined) {
        w = analyseWord(analyzer, raw);
        words.set(raw, w);
      }
      return w;
    },
  };
  return analyzer;
}

interface Piece {
  s: number;
  e: number;
  text: string;
}

function analyseWord(a: Analyzer, w: string): WordTerms {
  // Grown here, then copied to their length for the memo (below); the width is `pos` at the end.
  const out: Omit<WordTerms, 'width'> = { kinds: [], terms: [], spans: [], pos: [] };
  const emit = (kind: TermKind, term: string, s: number, e: number, p: number) => {
    out.kinds.push(kind);
    out.terms.push(term);
    out.spans.push(s, e);
    out.pos.push(p);
  };
  const pieces: Piece[] = [];
  for (const m of w.matchAll(PIECE)) pieces.push({ s: m.index, e: m.index + m[0].length, text: m[0] });
  // Apostrophes: a possessive "'s" folds into its word, an elision ("l’", "dell’") stands
  // as a word of its own, any other apostrophe joins its two sides ("don't" → "dont").
  const groups: Array<{ pieces: Piece[]; seps: string[] }> = [];
  let cur: { pieces: Piece[]; seps: string[] } = { pieces: [pieces[0]], seps: [] };
  for (let i = 1; i < pieces.length; i++) {
    const sep = w.slice(pieces[i - 1].e, pieces[i].s);
    const p = pieces[i];
    if (sep.length === 1 && APOSTROPHE.test(sep)) {
      if (i === pieces.length - 1 && (p.text === 's' || p.text === 'S')) continue;
      if (i === 1 && ELISIONS.has(lowerForm(pieces[0].text))) {
        groups.push(cur);
        cur = { pieces: [p], seps: [] };
        (groups[0] as { elided?: boolean }).elided = true;
        continue;
      }
      const last = cur.pieces[cur.pieces.length - 1];
      cur.pieces[cur.pieces.length - 1] = { s: last.s, e: p.e, text: last.text + p.text };
      continue;
    }
    cur.pieces.push(p);
    cur.seps.push(sep);
  }
  groups.push(cur);

  let pos = 0;
  for (const g of groups) {
    if ((g as { elided?: boolean }).elided) {
      const f = foldLower(lowerForm(g.pieces[0].text));
      emit(STOP, a.ns + f, g.pieces[0].s, g.pieces[0].e, pos++);
      continue;
    }
    const ps = g.pieces;
    if (ps.length === 1) {
      pos = simple(a, ps[0].text, ps[0].s, ps[0].e, pos, emit);
      continue;
    }
    const s = ps[0].s;
    const e = ps[ps.length - 1].e;
    const slice = w.slice(s, e);
    if (ps.every((p) => NUMERIC.test(p.text))) {
      // Times, decimals, dates and amounts stay one word: "10:30", "3.5", "2024/10/06".
      const f = foldLower(lowerForm(slice));
      emit(STEM, a.ns + f, s, e, pos);
      emit(SURFACE, SURFACE_MARK + a.ns + f, s, e, pos++);
      continue;
    }
    if (g.seps.every((x) => x === '.') && ps.every((p) => [...p.text].length === 1)) {
      // "U.S." is the acronym "US".
      pos = simple(a, ps.map((p) => p.text).join(''), s, e, pos, emit);
      continue;
    }
    // A compound: its parts at consecutive positions, and the whole at the first one, joined
    // when hyphenated ("e-mail" → "email"), else as written ("bbc.co.uk", "re:budget").
    const first = pos;
    for (const p of ps) pos = simple(a, p.text, p.s, p.e, pos, emit);
    if (g.seps.every((x) => HYPHEN.test(x))) {
      const joined = foldLower(lowerForm(ps.map((p) => p.text).join('')));
      emit(WHOLE, a.stem(joined), s, e, first);
      emit(SURFACE, SURFACE_MARK + a.ns + joined, s, e, first);
    } else {
      const whole = foldLower(lowerForm(slice));
      emit(WHOLE, a.ns + whole, s, e, first);
      // A web address is findable by its host too, with and without "www.".
      const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/.exec(whole)?.[1];
      if (host && host !== whole) {
        emit(WHOLE, a.ns + host, s, e, first);
        if (host.startsWith('www.')) emit(WHOLE, a.ns + host.slice(4), s, e, first);
      }
    }
  }
  // Kept in the memo: copies the length of what they hold. An array grown by push has room
  // for 17 entries from its first one, which made a two-term word take 1,000 bytes, not 520.
  return {
    kinds: out.kinds.slice(),
    terms: out.terms.slice(),
    spans: out.spans.slice(),
    pos: out.pos.slice(),
    width: pos,
  };
}

type Emit = (kind: TermKind, term: string, s: number, e: number, p: number) => void;

/** One plain word (a run of letters and digits) at position `pos`; returns the next position. */
function simple(a: Analyzer, text: string, s: number, e: number, pos: number, emit: Emit): number {
  if (CJK_ANY.test(text)) return cjk(a, text, s, pos, emit);
  const low = lowerForm(text);
  const f = foldLower(low);
  if (a.isStop(low, f)) {
    emit(STOP, a.ns + f, s, e, pos);
    if (text.length >= 2 && text === text.toUpperCase() && text !== low)
      emit(UPPER, a.ns + text.normalize('NFKC').toUpperCase(), s, e, pos);
    return pos + 1;
  }
  emit(STEM, a.stem(f), s, e, pos);
  emit(SURFACE, SURFACE_MARK + a.ns + f, s, e, pos);
  if (low !== f) emit(EXACT, a.ns + low, s, e, pos);
  return pos + 1;
}

/**
 * Chinese, Japanese and Korean are written without spaces between words, so a run of these
 * characters is indexed as overlapping two-character terms (bigrams), and each character on
 * its own too, so that a single typed character finds the words holding it.
 */
function cjk(a: Analyzer, text: string, s: number, pos: number, emit: Emit): number {
  let last = 0;
  for (const m of text.matchAll(CJK_RUN)) {
    if (m.index > last) pos = simple(a, text.slice(last, m.index), s + last, s + m.index, pos, emit);
    const chars = Array.from(m[0]);
    let off = s + m.index;
    if (chars.length === 1) emit(STEM, a.ns + chars[0], off, off + chars[0].length, pos++);
    else {
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        if (i + 1 < chars.length) emit(STEM, a.ns + c + chars[i + 1], off, off + c.length + chars[i + 1].length, pos);
        emit(UNI, a.ns + c, off, off + c.length, pos++);
        off += c.length;
      }
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) pos = simple(a, text.slice(last), s + last, s + text.length, pos, emit);
  return pos;
}

/**
 * Calls `visit` for every index term of `text` in order, with its kind, its [start, end)
 * offsets in `text` and its word position. Returns the number of positions used.
 */
export function eachToken(
  text: string,
  analyzer: Analyzer,
  visit: (kind: TermKind, term: string, start: number, end: number, pos: number) => void,
): number {
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = WORD.exec(text)) !== null) {
    const w = analyzer.word(m[0]);
    const base = m.index;
    for (let i = 0; i < w.kinds.length; i++)
      visit(w.kinds[i], w.terms[i], base + w.spans[2 * i], base + w.spans[2 * i + 1], pos + w.pos[i]);
    pos += w.width;
  }
  return pos;
}

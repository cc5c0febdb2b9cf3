// Turns text into index terms exactly as lunr's pipelines do (trimmer, stop words, stemmer),
// English by default and lunr-languages' pipeline for other languages where one exists.
// Each distinct raw word runs through the pipeline once; later sightings hit a cache.

import lunr from 'lunr';
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

/** Languages whose lunr-languages module is a plain trimmer/stop-word/stemmer pipeline. */
const SUPPORTED = new Set(['ar', 'da', 'de', 'du', 'es', 'fi', 'fr', 'hu', 'it', 'nl', 'no', 'pt', 'ro', 'ru', 'sv', 'tr']);
/** The cache is a speed-up only; past this many words it starts again so memory stays bounded. */
const CACHE_LIMIT = 400_000;

/**
 * Chinese, Japanese and Korean are written without spaces between words, so no word-based
 * pipeline applies: a run of these characters is indexed as overlapping two-character
 * terms (bigrams), the usual approach of full-text engines without a dictionary. A query
 * typed in these scripts is cut the same way, so the terms meet.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+/gu;
const CJK_ANY = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]+$/u;

export function isCjkTerm(term: string): boolean {
  return CJK_ONLY.test(term);
}

/** The bigrams of a run of CJK characters (the run itself when it is one character). */
export function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** A typed word as the index terms it stands for: its CJK runs as bigrams, the rest whole. */
export function splitCjk(word: string): string[] {
  if (!CJK_ANY.test(word)) return [word];
  const out: string[] = [];
  let last = 0;
  for (const m of word.matchAll(CJK_RUN)) {
    if (m.index > last) out.push(word.slice(last, m.index));
    out.push(...cjkBigrams(m[0]));
    last = m.index + m[0].length;
  }
  if (last < word.length) out.push(word.slice(last));
  return out;
}

/** True for the words lunr's English pipeline drops as too common to search ("the", "to"). */
export function isEnglishStopWord(word: string): boolean {
  return (lunr.stopWordFilter as unknown as (t: lunr.Token) => lunr.Token | undefined)(new lunr.Token(word, {})) === undefined;
}

/** Analyses text for one language; `term` returns null for words the pipeline drops. */
export interface Analyzer {
  readonly language: string;
  term(lowerRawWord: string): string | null;
}

const analyzers = new Map<string, Analyzer>();
let stemmerSupportLoaded = false;

function pipelineFor(language: string): lunr.Pipeline {
  const p = new lunr.Pipeline();
  if (language !== 'en' && SUPPORTED.has(language)) {
    try {
      if (!stemmerSupportLoaded) {
        nodeRequire('lunr-languages/lunr.stemmer.support.js')(lunr);
        stemmerSupportLoaded = true;
      }
      // The module registers itself on lunr as lunr[language].
      const l = lunr as unknown as Record<string, Record<string, lunr.PipelineFunction> | undefined>;
      if (!l[language]) nodeRequire(`lunr-languages/lunr.${language}.js`)(lunr);
      const lang = l[language];
      if (lang?.stemmer) {
        if (lang.trimmer) p.add(lang.trimmer);
        if (lang.stopWordFilter) p.add(lang.stopWordFilter);
        p.add(lang.stemmer);
        return p;
      }
    } catch {
      // A language module that fails to load falls back to English rather than failing the index.
    }
  }
  p.add(unicodeTrimmer, lunr.stopWordFilter, lunr.stemmer);
  return p;
}

/**
 * lunr.trimmer strips everything outside ASCII \w from the ends of a word, which turns
 * "über" into "ber" and a Cyrillic or Greek word into nothing. This one strips only what
 * is not a letter or digit in any script.
 */
const unicodeTrimmer: lunr.PipelineFunction = (token) =>
  token.update((s) => s.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[^\p{L}\p{N}]+$/u, ''));
lunr.Pipeline.registerFunction(unicodeTrimmer, 'dossierUnicodeTrimmer');

/** The analyzer for a BCP 47 tag ("fr", "fr-CA"); unknown languages use English. */
export function analyzerFor(languageTag: string | null | undefined): Analyzer {
  let lang = (languageTag ?? 'en').toLowerCase().split(/[-_]/)[0] || 'en';
  if (lang === 'nl') lang = 'du';
  if (!SUPPORTED.has(lang)) lang = 'en';
  let a = analyzers.get(lang);
  if (a) return a;
  const pipeline = pipelineFor(lang);
  let cache = new Map<string, string | null>();
  a = {
    language: lang,
    term(word: string): string | null {
      let t = cache.get(word);
      if (t !== undefined) return t;
      // A CJK bigram is its own term: lunr's trimmer would strip it as "non-word" characters.
      if (CJK_ONLY.test(word)) return word;
      const out = pipeline.runString(word);
      t = out.length > 0 && out[0] ? out[0] : null;
      if (cache.size >= CACHE_LIMIT) cache = new Map();
      cache.set(word, t);
      return t;
    },
  };
  analyzers.set(lang, a);
  return a;
}

// lunr's tokenizer splits on whitespace and hyphens; this one also splits on en and em dashes
// ("China–Russia" is two words) and keeps offsets into the original text (lunr lowercases
// the whole text first, which can shift offsets).
// CJK punctuation and full-width symbols separate words too.
const WORD = /[^\s\-\u2013\u2014\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;

/**
 * Calls `visit` for every raw token of `text` in order, with its index term (null when
 * the pipeline dropped it), its [start, end) offsets and its position among raw tokens.
 */
export function eachToken(
  text: string,
  analyzer: Analyzer,
  visit: (term: string | null, start: number, end: number, pos: number) => void,
): void {
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = WORD.exec(text)) !== null) {
    const raw = m[0];
    if (!CJK_ANY.test(raw)) {
      visit(analyzer.term(raw.toLowerCase()), m.index, m.index + raw.length, pos++);
      continue;
    }
    // Mixed tokens ("iPhone在中国"): the CJK runs as bigrams, the rest as words.
    let last = 0;
    const word = (from: number, to: number) => {
      if (to > from) visit(analyzer.term(raw.slice(from, to).toLowerCase()), m!.index + from, m!.index + to, pos++);
    };
    for (const run of raw.matchAll(CJK_RUN)) {
      word(last, run.index);
      let offset = run.index;
      const chars = Array.from(run[0]);
      if (chars.length === 1) visit(chars[0], m.index + offset, m.index + offset + chars[0].length, pos++);
      for (let i = 0; i + 1 < chars.length; i++) {
        const bigram = chars[i] + chars[i + 1];
        visit(bigram, m.index + offset, m.index + offset + bigram.length, pos++);
        offset += chars[i].length;
      }
      last = run.index + run[0].length;
    }
    word(last, raw.length);
  }
}

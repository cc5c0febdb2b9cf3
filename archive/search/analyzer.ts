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
  p.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  return p;
}

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
const WORD = /[^\s\-\u2013\u2014]+/g;

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
    visit(analyzer.term(raw.toLowerCase()), m.index, m.index + raw.length, pos++);
  }
}

// The one normalisation every indexed and typed word goes through: Unicode NFKC, lower case,
// diacritics folded (café → cafe, Māori → maori, Zürich → zurich) and straight and curly
// apostrophes read as one. Pure string functions; the analyzer builds terms from them.

/** Every character people type or paste as an apostrophe. */
export const APOSTROPHE = /['\u2019\u2018\u02bc\u0060\u00b4\u2032]/;

/** Letters that are not a base letter plus a combining mark, so NFD cannot fold them. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  ħ: 'h',
};
const SPECIAL_RE = /[ßøæœłđıþðħ]/g;
/** Combining diacritical marks of Latin, Greek and Cyrillic letters. Marks of other scripts
 *  (Japanese voicing marks, Indic vowel signs) change the letter, so they are kept. */
const MARKS = /[\u0300-\u036f]/g;
const PLAIN = /^[a-z0-9]*$/;

/** NFKC and lower case: the form a word is written in, for "exact form" ranking. */
export function lowerForm(word: string): string {
  const l = word.toLowerCase();
  return PLAIN.test(l) ? l : word.normalize('NFKC').toLowerCase();
}

/** The folded form of a lower-cased word: what index terms are made of. */
export function foldLower(low: string): string {
  if (PLAIN.test(low)) return low;
  return low
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .replace(SPECIAL_RE, (c) => SPECIAL[c]);
}

/** NFKC, lower case and diacritics folded: `fold('Zürich') === fold('zurich')`. */
export function fold(word: string): string {
  return foldLower(lowerForm(word));
}

/** French, Italian and Catalan articles and pronouns written against the next word (l’, d’,
 *  qu’, dell’). They are split off and read as stop words. */
export const ELISIONS = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'presqu',
  'dell',
  'dall',
  'nell',
  'sull',
  'all',
  'coll',
  'dev',
  'un',
  'quest',
  'quell',
  'sant',
  'bell',
  'tutt',
  'nessun',
]);

// Reads what the user typed: filters (tag:, source:, kind:, before:, after:, year:, has:, is:),
// quoted phrases, +must and -not (only at the start of a word), field:word, word*, word~1 and
// word^2. Everything else is plain text: a dash between spaces is punctuation, a compound
// ("state-of-the-art", "bbc.co.uk") is its words side by side, and a long pasted passage is
// searched as words. Never throws; when text is read otherwise than as typed, a notice says how.

import { FIELDS, FIELD_INDEX, type FieldName } from './fields';
import { WORD } from './analyzer';
import { APOSTROPHE } from './normalize';

export type Presence = 'optional' | 'required' | 'prohibited';

export interface WordClause {
  kind: 'word';
  /** One word as typed (no connectors inside); with `*` when it is a wildcard pattern. */
  text: string;
  fields: number[];
  presence: Presence;
  boost: number;
  editDistance: number;
  /** 'last': the word being typed, also matched as the start of longer words; 'explicit': `word*`. */
  prefix: 'none' | 'last' | 'explicit';
  /** The word's place among the query's words, for the proximity boost. */
  qpos: number;
}

export interface PhraseClause {
  kind: 'phrase';
  /** The phrase's text; each language's analysis finds its words. */
  text: string;
  presence: Presence;
  /** A compound typed as one word: its whole form ("stateoftheart") matches too. */
  compound: boolean;
  qpos: number;
}

export type Clause = WordClause | PhraseClause;

export type FilterKey = 'tag' | 'source' | 'kind' | 'before' | 'after' | 'year' | 'has' | 'is' | 'sort';

export interface Filter {
  key: FilterKey;
  value: string;
  negate: boolean;
}

export interface ParsedQuery {
  clauses: Clause[];
  filters: Filter[];
  parsedAs: 'query' | 'plain';
  notices: string[];
  /** True when the text was long enough to be read as a pasted passage. */
  passage: boolean;
}

/** A query with this many words or more is a pasted passage: searched as words, not syntax. */
export const PASSAGE_WORDS = 8;
/** At most this many words of a passage are searched (a whole pasted article says no more). */
export const MAX_WORDS = 64;

const FILTER = /(^|\s)(-?)(tag|source|kind|before|after|year|has|is|sort):(?:"([^"]*)"|(\S+))/gi;
const CHUNK = /(^|\s)([+-]?)(["“”«»„])([^"“”«»„]*)["“”«»„](?=\s|$)|(\S+)/g;
const FIELD_PREFIX = new RegExp(`^(${FIELDS.join('|')}):(.+)$`, 'i');
const SYNTAX = /(^|\s)[+-](?=[\p{L}\p{N}"])|["“”«»„*~^]|(^|\s)(title|body|tags|source|byline|notes):/iu;
const ALL_FIELDS = FIELDS.map((_, i) => i);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function parseQuery(input: string): ParsedQuery {
  const filters: Filter[] = [];
  const notices: string[] = [];
  const text = input.normalize('NFKC');
  const rest = text.replace(FILTER, (_m, lead: string, neg: string, key: string, quoted?: string, bare?: string) => {
    filters.push({ key: key.toLowerCase() as FilterKey, value: (quoted ?? bare ?? '').trim(), negate: neg === '-' });
    return lead + ' ';
  });
  const clauses: Clause[] = [];
  const wordCount = rest.match(WORD)?.length ?? 0;
  let qpos = 0;

  if (wordCount >= PASSAGE_WORDS) {
    // A pasted passage: its quotes, dashes and colons are the passage's own punctuation.
    if (SYNTAX.test(rest))
      notices.push(
        'The text was searched as a passage of plain words; its quotes, dashes and other signs were not read as search syntax.',
      );
    const words = rest.match(WORD) ?? [];
    if (words.length > MAX_WORDS)
      notices.push(`Only the first ${MAX_WORDS} of its ${words.length} words were searched.`);
    for (const w of words.slice(0, MAX_WORDS)) qpos = addWord(clauses, w, ALL_FIELDS, 'optional', 1, 0, 'none', qpos);
    return { clauses, filters, parsedAs: 'plain', notices, passage: true };
  }

  let stray = false;
  for (const m of rest.matchAll(CHUNK)) {
    if (m[3] !== undefined) {
      const presence: Presence = m[2] === '-' ? 'prohibited' : 'required';
      const words = m[4].match(WORD) ?? [];
      if (words.length === 1) qpos = addWord(clauses, words[0], ALL_FIELDS, presence, 1, 0, 'none', qpos);
      else if (words.length > 1) {
        clauses.push({ kind: 'phrase', text: m[4], presence, compound: false, qpos });
        qpos += words.length;
      }
      continue;
    }
    let chunk = m[5];
    let presence: Presence = 'optional';
    if (/^[+-][\p{L}\p{N}]/u.test(chunk)) {
      presence = chunk[0] === '+' ? 'required' : 'prohibited';
      chunk = chunk.slice(1);
    }
    if (/["“”«»„]/.test(chunk)) stray = true;
    let fields = ALL_FIELDS;
    const fm = FIELD_PREFIX.exec(chunk);
    if (fm) {
      fields = [FIELD_INDEX[fm[1].toLowerCase() as FieldName]];
      chunk = fm[2];
    }
    let boost = 1;
    const bm = /\^(\d+(?:\.\d+)?)$/.exec(chunk);
    if (bm) {
      boost = Math.min(Number(bm[1]), 100);
      chunk = chunk.slice(0, bm.index);
    }
    let editDistance = 0;
    const em = /~(\d?)$/.exec(chunk);
    if (em && em.index > 0) {
      editDistance = Math.min(Math.max(Number(em[1] || 1), 0), 2);
      chunk = chunk.slice(0, em.index);
    }
    if (chunk.includes('*')) {
      // A wildcard pattern: its letters and digits (a hyphenated word is indexed joined too),
      // its stars kept.
      const pattern = chunk
        .split('*')
        .map((p) => (p.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).join(''))
        .join('*')
        .replace(/\*+/g, '*');
      if (pattern.replace(/\*/g, '').length > 0) {
        clauses.push({
          kind: 'word',
          text: pattern,
          fields,
          presence,
          boost,
          editDistance: 0,
          prefix: 'explicit',
          qpos: qpos++,
        });
      }
      continue;
    }
    for (const w of chunk.match(WORD) ?? [])
      qpos = addWord(clauses, w, fields, presence, boost, editDistance, 'none', qpos);
  }
  if (stray) notices.push('A quote mark without its pair was read as punctuation.');
  if (/(^|\s)[-\u2013\u2014](\s|$)/.test(rest) && clauses.length > 0) {
    notices.push(
      'A dash between spaces was read as punctuation; to leave a word out, put the minus sign against it (-word).',
    );
  }
  // The word being typed also matches longer words, unless a space says it is finished.
  const last = clauses[clauses.length - 1];
  // An acronym typed in capitals ("US", "WHO") is a whole word, not the start of "used".
  const acronym =
    last?.kind === 'word' &&
    last.text.length >= 2 &&
    last.text === last.text.toUpperCase() &&
    last.text !== last.text.toLowerCase() &&
    last.text.length <= 5;
  if (
    last &&
    last.kind === 'word' &&
    !acronym &&
    last.prefix === 'none' &&
    last.editDistance === 0 &&
    last.presence !== 'prohibited' &&
    /[\p{L}\p{N}]$/u.test(text)
  ) {
    last.prefix = 'last';
  }
  return { clauses, filters, parsedAs: 'query', notices, passage: false };
}

/** One WORD match as a clause: a plain word, or a compound read as its words side by side. */
function addWord(
  clauses: Clause[],
  w: string,
  fields: number[],
  presence: Presence,
  boost: number,
  editDistance: number,
  prefix: WordClause['prefix'],
  qpos: number,
): number {
  const word = plainWord(w);
  // A run of Chinese or Japanese is several bigram terms in a row: a phrase of them.
  if (word !== null && !(CJK.test(word) && [...word].length > 2)) {
    clauses.push({ kind: 'word', text: word, fields, presence, boost, editDistance, prefix, qpos });
    return qpos + 1;
  }
  clauses.push({ kind: 'phrase', text: w, presence, compound: true, qpos });
  return qpos + (w.match(/[\p{L}\p{N}\p{M}]+/gu)?.length ?? 1);
}

/** The single word a WORD match stands for ("Britain's" → "Britain", "U.S." → "US"), or null
 *  for a compound of several words. */
export function plainWord(w: string): string | null {
  let s = w;
  const last = s.length - 2;
  if (last > 0 && APOSTROPHE.test(s[last]) && (s[last + 1] === 's' || s[last + 1] === 'S')) s = s.slice(0, last);
  const pieces = s.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (pieces.length === 1) return pieces[0];
  if (/^(\p{L}\.)+\p{L}$/u.test(s)) return pieces.join('');
  return null;
}

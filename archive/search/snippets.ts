// Cuts the passage of a text where the matched terms cluster, and marks each matched word
// with [start, end) offsets into the snippet's own text, so the UI can mark it without
// parsing anything. A word is marked when its index term is one the query matched.

import { bareTerm, eachToken, isCjkTerm, type Analyzer } from './analyzer';
import type { Snippet } from './types';

const ELLIPSIS = '…';
const SEPARATOR = /[\s\u2013\u2014"“”«»()[\]{}<>]/;
/** Text with letters the quick path cannot compare by their first two letters. */
const UNUSUAL = /[^\x00-\x7f\u00a3\u20ac\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/;

/** [start, end) spans of the words of `text` with an index term in `matched`, in order. */
export function matchedSpans(text: string, matched: Set<string>, analyzer: Analyzer): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const push = (s: number, e: number) => {
    // Overlapping spans (CJK bigrams, a compound and its parts) mark one stretch of text.
    const last = spans[spans.length - 1];
    if (last && s <= last[1]) {
      if (s < last[0]) last[0] = s;
      last[1] = Math.max(last[1], e);
    } else spans.push([s, e]);
  };
  const visit = (offset: number) => (_k: number, t: string, s: number, e: number) => {
    if (matched.has(t)) push(offset + s, offset + e);
  };
  const { re, cjk } = headsOf(matched);
  if (cjk || UNUSUAL.test(text)) {
    eachToken(text, analyzer, visit(0));
    return spans;
  }
  if (!re) return spans;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let s = m.index;
    while (s > 0 && !SEPARATOR.test(text[s - 1])) s--;
    let e = m.index;
    while (e < text.length && !SEPARATOR.test(text[e])) e++;
    re.lastIndex = e;
    eachToken(text.slice(s, e), analyzer, visit(s));
  }
  return spans;
}

/** Plain text: every matching word starts with the first two letters of a matched term
 *  (stemming only rewrites endings), so a compiled regex finds the few candidates, and only
 *  they are analysed. Compiled once per query's set of terms, not once per hit. */
const headCache = new WeakMap<Set<string>, { re: RegExp | null; cjk: boolean }>();
function headsOf(matched: Set<string>): { re: RegExp | null; cjk: boolean } {
  let h = headCache.get(matched);
  if (h) return h;
  const heads = new Set<string>();
  let cjk = false;
  for (const t of matched) {
    const bare = bareTerm(t);
    heads.add(bare.slice(0, 2));
    if (!cjk && isCjkTerm(t)) cjk = true;
  }
  const re = heads.size ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...heads].map(escape).join('|')})`, 'giu') : null;
  h = { re, cjk };
  headCache.set(matched, h);
  return h;
}

export function makeSnippet(text: string, matched: Set<string>, analyzer: Analyzer, width = 220): Snippet | null {
  if (!text || matched.size === 0) return null;
  const spans = matchedSpans(text, matched, analyzer);
  if (spans.length === 0) return null;
  // The window, starting at a match, that holds the most matches within `width` characters.
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < spans.length; i++) {
    if (j < i) j = i;
    while (j + 1 < spans.length && spans[j + 1][1] - spans[i][0] <= width) j++;
    if (j - i + 1 > bestCount) {
      bestCount = j - i + 1;
      best = i;
    }
  }
  // Open a little before the first match, at a word boundary, so the passage reads on.
  let start = Math.max(0, spans[best][0] - Math.floor(width / 5));
  if (start > 0) {
    const sentence = text.lastIndexOf('. ', spans[best][0]);
    if (sentence >= start) start = sentence + 2;
    else while (start < spans[best][0] && !/\s/.test(text[start - 1])) start++;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const cut = text.lastIndexOf(' ', end);
    if (cut > spans[best][1]) end = cut;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  // Each whitespace character becomes one space, so offsets carry over unchanged.
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const shift = prefix.length - start;
  const marks: Array<[number, number]> = [];
  for (const [s, e] of spans) if (s >= start && e <= end) marks.push([s + shift, e + shift]);
  return { text: prefix + body + suffix, marks };
}

/** The opening of a text, for hits that matched elsewhere (title, tags) or listings. */
export function leadSnippet(text: string, width = 220): Snippet {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= width) return { text: clean, marks: [] };
  const cut = clean.lastIndexOf(' ', width);
  return { text: clean.slice(0, cut > width / 2 ? cut : width) + ELLIPSIS, marks: [] };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

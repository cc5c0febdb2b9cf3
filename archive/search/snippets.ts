// Cuts the passage of a text where the matched terms cluster, and marks each matched word
// with [start, end) offsets into the snippet's own text, so the UI can mark it without
// parsing anything. A word is marked when its index term is one the query matched.

import { eachToken, isCjkTerm, type Analyzer } from './analyzer';
import type { Snippet } from './types';

const ELLIPSIS = '…';
const SEPARATOR = /[\s\-\u2013\u2014]/;

/** [start, end) spans of the words of `text` whose index term is in `matched`, in order. */
export function matchedSpans(text: string, matched: Set<string>, analyzer: Analyzer): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const push = (s: number, e: number) => {
    // Mark the word, not the punctuation around it (lunr's trimmer drops it too).
    while (s < e && !isWordChar(text.charCodeAt(s))) s++;
    while (e > s && !isWordChar(text.charCodeAt(e - 1))) e--;
    if (e <= s) return;
    // Overlapping CJK bigrams ("两会", "会成") mark one stretch of text.
    const last = spans[spans.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else spans.push([s, e]);
  };
  if (analyzer.language !== 'en' || [...matched].some(isCjkTerm)) {
    eachToken(text, analyzer, (t, s, e) => {
      if (t !== null && matched.has(t)) push(s, e);
    });
    return spans;
  }
  // English stemming only rewrites word endings, so every matching word starts with the
  // first two letters of a matched term: a compiled regex finds the few candidates, and only
  // they go through the pipeline.
  const heads = new Set<string>();
  for (const t of matched) heads.add(escape(t.slice(0, 2)));
  if (heads.size === 0) return spans;
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...heads].join('|')})`, 'giu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let s = m.index;
    while (s > 0 && !SEPARATOR.test(text[s - 1])) s--;
    let e = m.index;
    while (e < text.length && !SEPARATOR.test(text[e])) e++;
    re.lastIndex = e;
    const t = analyzer.term(text.slice(s, e).toLowerCase());
    if (t !== null && matched.has(t)) push(s, e);
  }
  return spans;
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

function isWordChar(c: number): boolean {
  // Letters and digits of any script count; ASCII punctuation does not.
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

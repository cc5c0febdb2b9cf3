// Cuts the passage of a text where the matched terms cluster, and marks each matched word
// with [start, end) offsets into the snippet's own text, so the UI can mark it without
// parsing anything. A word is marked when its index term is one the query matched.

import { eachToken, type Analyzer } from './analyzer';
import type { Snippet } from './types';

const ELLIPSIS = '…';

export function makeSnippet(text: string, matched: Set<string>, analyzer: Analyzer, width = 220): Snippet | null {
  if (!text) return null;
  const words: Array<[number, number]> = [];
  const hits: number[] = [];
  eachToken(text, analyzer, (t, start, end) => {
    if (t !== null && matched.has(t)) hits.push(words.length);
    words.push([start, end]);
  }, matched);
  if (hits.length === 0) return null;
  // The window (starting at a hit) that holds the most hits within `width` characters.
  let bestFrom = 0;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < hits.length; i++) {
    const from = words[hits[i]][0];
    if (j < i) j = i;
    while (j + 1 < hits.length && words[hits[j + 1]][1] - from <= width) j++;
    if (j - i + 1 > bestCount) {
      bestCount = j - i + 1;
      bestFrom = i;
    }
  }
  // Start a few words before the first hit so the passage reads as a sentence.
  const firstWord = hits[bestFrom];
  let w0 = firstWord;
  while (w0 > 0 && firstWord - w0 < 6 && words[firstWord][0] - words[w0 - 1][0] < width / 4) w0--;
  const start = words[w0][0];
  let w1 = w0;
  while (w1 + 1 < words.length && words[w1 + 1][1] - start <= width) w1++;
  const end = words[w1][1];
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // Whitespace runs collapse to one space, so offsets are recomputed on the collapsed text.
  const marks: Array<[number, number]> = [];
  const snippetText = prefix + body + suffix;
  const shift = prefix.length;
  eachToken(body, analyzer, (t, s, e) => {
    if (t !== null && matched.has(t)) marks.push([s + shift, e + shift]);
  }, matched);
  return { text: snippetText, marks };
}

/** The opening of a text, for hits that matched elsewhere (title, tags) or listings. */
export function leadSnippet(text: string, width = 220): Snippet {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= width) return { text: clean, marks: [] };
  const cut = clean.lastIndexOf(' ', width);
  return { text: clean.slice(0, cut > width / 2 ? cut : width) + ELLIPSIS, marks: [] };
}

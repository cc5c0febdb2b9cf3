// The passage test: ten words copied from an article, half of them across a spaced dash or
// a quotation mark, pasted as the query; the article must come first.

import type { SearchIndex } from '../../archive/search/types';
import { sample, type BbcArticle } from './harness';

const flat = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
const PUNCT = /^[-–—]$|["“”]/;

export async function passageTest(index: SearchIndex, articles: BbcArticle[], rand: () => number, n = 200) {
  const bodies = new Map(articles.map((a) => [a.id, flat(`${a.title} ${a.body}`)]));
  let tried = 0;
  let first = 0;
  let withSyntax = 0;
  let withSyntaxFirst = 0;
  const misses: string[] = [];
  for (const a of sample(articles, articles.length, rand)) {
    if (tried >= n) break;
    const tokens = a.body.split(/\s+/).filter(Boolean);
    if (tokens.length < 20) continue;
    const wantSyntax = tried % 2 === 0;
    let start: number;
    if (wantSyntax) {
      const at = tokens.map((t, i) => (PUNCT.test(t) ? i : -1)).filter((i) => i >= 0 && i < tokens.length - 2);
      if (at.length === 0) continue;
      const i = at[Math.floor(rand() * at.length)];
      start = Math.max(0, Math.min(tokens.length - 11, i - 1 - Math.floor(rand() * 8)));
    } else start = Math.floor(rand() * (tokens.length - 10));
    let end = start;
    let words = 0;
    while (end < tokens.length && words < 10) if (!/^[-–—]$/.test(tokens[end++])) words++;
    const passage = tokens.slice(start, end).join(' ');
    tried++;
    const syntax = PUNCT.test(passage) || /(^|\s)[-–—](\s|$)/.test(passage);
    if (syntax) withSyntax++;
    const r = await index.query({ q: passage, limit: 3 });
    const top = r.hits[0];
    const ok = top !== undefined && (top.id === a.id || (bodies.get(top.id) ?? '').includes(flat(passage)));
    if (ok) {
      first++;
      if (syntax) withSyntaxFirst++;
    } else if (misses.length < 5) misses.push(`“${passage}” → ${top?.title ?? 'nothing'}`);
  }
  return {
    tried,
    share: first / tried,
    withSyntax,
    syntaxShare: withSyntax ? withSyntaxFirst / withSyntax : 1,
    misses,
  };
}

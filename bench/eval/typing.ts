// The typing test: a word a reader remembers from an article's title (its rarest word of
// five letters or more) is typed letter by letter; from the 4th letter on, each keystroke
// counts when the article is among the first 20 results.

import { isEnglishStopWord } from '../../archive/search/analyzer';
import type { SearchIndex } from '../../archive/search/types';
import { plainWords, sample, type BbcArticle } from './harness';

export async function typingTest(index: SearchIndex, articles: BbcArticle[], rand: () => number, n = 100) {
  const df = new Map<string, number>();
  for (const a of articles)
    for (const w of new Set(plainWords(`${a.title} ${a.body}`))) df.set(w, (df.get(w) ?? 0) + 1);
  const sameTitle = new Map<string, Set<string>>();
  for (const a of articles) {
    if (!sameTitle.has(a.title)) sameTitle.set(a.title, new Set());
    sameTitle.get(a.title)!.add(a.id);
  }
  let keystrokes = 0;
  let found = 0;
  let empty = 0;
  let words = 0;
  for (const a of sample(articles, articles.length, rand)) {
    if (words >= n) break;
    const candidates = plainWords(a.title).filter((w) => w.length >= 5 && /^\p{L}+$/u.test(w) && !isEnglishStopWord(w));
    if (candidates.length === 0) continue;
    candidates.sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0) || (x < y ? -1 : 1));
    const word = candidates[0];
    words++;
    const ok = sameTitle.get(a.title)!;
    for (let k = 4; k <= word.length; k++) {
      const r = await index.query({ q: word.slice(0, k), limit: 20 });
      keystrokes++;
      if (r.total === 0) empty++;
      if (r.hits.some((h) => ok.has(h.id))) found++;
    }
  }
  return { words, keystrokes, share: found / keystrokes, emptyShare: empty / keystrokes };
}

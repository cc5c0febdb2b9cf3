// Related items against a plain TF-IDF cosine baseline on the same texts, computed in the
// same run: precision@5 by BBC section over every article (a suggestion counts when it is
// from the article's own section). No tags are given, so only the text decides.

import { isEnglishStopWord } from '../../archive/search/analyzer';
import type { SearchIndex } from '../../archive/search/types';
import type { BbcArticle } from './harness';
import { timed } from './timing';

/** Plain TF-IDF cosine: lower-cased words, English stop words out, tf × ln(N/df). */
export function tfidfPrecision(articles: BbcArticle[], k = 5): number {
  const vectors = articles.map((a) => {
    const tf = new Map<string, number>();
    for (const w of `${a.title} ${a.body}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      if (!isEnglishStopWord(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const v of vectors) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = articles.length;
  const postings = new Map<string, Array<[number, number]>>();
  const weighted = vectors.map((v, i) => {
    const out = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of v) {
      const w = c * Math.log(n / df.get(t)!);
      out.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of out) {
      out.set(t, w / norm);
      if (!postings.has(t)) postings.set(t, []);
      postings.get(t)!.push([i, w / norm]);
    }
    return out;
  });
  let hits = 0;
  const score = new Float64Array(n);
  weighted.forEach((v, i) => {
    score.fill(0);
    for (const [t, w] of v) for (const [j, x] of postings.get(t)!) score[j] += w * x;
    score[i] = -1;
    const top = [...score.keys()].sort((a, b) => score[b] - score[a]).slice(0, k);
    for (const j of top) if (articles[j].section === articles[i].section) hits++;
  });
  return hits / (n * k);
}

export async function relatedTest(index: SearchIndex, articles: BbcArticle[], k = 5) {
  const section = new Map(articles.map((a) => [a.id, a.section]));
  let hits = 0;
  let shown = 0;
  let repeated = 0;
  let lists = 0;
  const times: number[] = [];
  const cpu: number[] = [];
  for (const a of articles) {
    let r: Awaited<ReturnType<SearchIndex['related']>> = [];
    const [w, c] = await timed(async () => {
      r = await index.related(a.id, { exclude: [], limit: k });
    });
    times.push(w);
    cpu.push(c);
    for (const h of r) {
      if (section.get(h.id) === a.section) hits++;
      lists++;
      if (new Set(h.terms).size !== h.terms.length) repeated++;
    }
    shown += k;
  }
  times.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  const p95 = (xs: number[]) => xs[Math.floor(xs.length * 0.95)];
  return { precision: hits / shown, repeatedShare: lists ? repeated / lists : 0, p95: p95(times), cpuP95: p95(cpu) };
}

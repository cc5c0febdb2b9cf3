// CISI ranking quality through Dossier's own search: each query's text is typed as plain
// words into query(), as a user would (its punctuation is not search syntax). MAP and
// nDCG@10 with binary relevance over all judged queries.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDocs, SHARED } from './harness';

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function averagePrecision(ranked: string[], relevant: Set<string>): number {
  let hits = 0;
  let sum = 0;
  ranked.forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return relevant.size ? sum / relevant.size : 0;
}

function ndcgAt(k: number, ranked: string[], relevant: Set<string>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 0;
}

export async function cisi(): Promise<{ docs: number; queries: number; map: number; ndcg10: number } | null> {
  const dir = path.join(SHARED, 'corpora/ir/cisi');
  if (!existsSync(dir)) return null;
  const docs = readJsonl<{ id: string; title: string; text: string; author?: string }>(path.join(dir, 'docs.jsonl'));
  const queries = readJsonl<{ id: string; text: string }>(path.join(dir, 'queries.jsonl'));
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [q, d] = line.trim().split(/\s+/);
    if (!q || !d) continue;
    if (!qrels.has(q)) qrels.set(q, new Set());
    qrels.get(q)!.add(d);
  }
  const opened = await openDocs(
    docs.map((d) => ({ id: d.id, title: d.title, body: d.text, byline: d.author ?? null })),
  );
  try {
    let map = 0;
    let ndcg = 0;
    let n = 0;
    for (const q of queries) {
      const relevant = qrels.get(q.id);
      if (!relevant) continue;
      const r = await opened.index.query({ q: q.text, limit: 1000 });
      const ranked = r.hits.map((h) => h.id);
      map += averagePrecision(ranked, relevant);
      ndcg += ndcgAt(10, ranked, relevant);
      n++;
    }
    return { docs: docs.length, queries: n, map: map / n, ndcg10: ndcg / n };
  } finally {
    await opened.close();
  }
}

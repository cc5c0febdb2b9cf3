// Measures ranking quality on the CISI test collection through Dossier's own search: each
// query's text is typed as plain words into query(), exactly as a user would. Prints MAP and
// nDCG@10 (binary relevance, all judged queries) next to the plain BM25 reference.
// Usage: npm run eval:search

import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSearchIndex } from '../archive/search/index';
import type { SearchMeta } from '../archive/search/types';

const REFERENCE = { map: 0.187, ndcg10: 0.355 };
const here = path.dirname(fileURLToPath(import.meta.url));
const cisi = path.resolve(here, '../../shared/corpora/ir/cisi');

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

async function main(): Promise<void> {
  if (!existsSync(cisi)) {
    console.log(`skipped: ${cisi} is missing`);
    return;
  }
  const docs = readJsonl<{ id: string; title: string; text: string; author?: string }>(path.join(cisi, 'docs.jsonl'));
  const queries = readJsonl<{ id: string; text: string }>(path.join(cisi, 'queries.jsonl'));
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(cisi, 'qrels.tsv'), 'utf8').split('\n')) {
    const [q, d] = line.trim().split(/\s+/);
    if (!q || !d) continue;
    if (!qrels.has(q)) qrels.set(q, new Set());
    qrels.get(q)!.add(d);
  }

  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-cisi-'));
  try {
    const contentDir = path.join(root, 'content');
    await mkdir(contentDir);
    const metas: SearchMeta[] = [];
    for (const d of docs) {
      await writeFile(path.join(contentDir, `${d.id}.txt`), d.text);
      metas.push({
        id: d.id,
        kind: 'document',
        title: d.title,
        tags: [],
        source: null,
        byline: d.author ?? null,
        notes: '',
        published: null,
        added: '2000-01-01T00:00:00.000Z',
        language: 'en',
        hasNotes: false,
        hasHighlights: false,
        unread: false,
        stamp: '1',
      });
    }
    const index = await openSearchIndex({ dir: path.join(root, 'index'), contentDir, metas });
    let map = 0;
    let ndcg = 0;
    let n = 0;
    let plain = 0;
    for (const q of queries) {
      const relevant = qrels.get(q.id);
      if (!relevant) continue;
      const r = await index.query({ q: q.text, limit: 1000 });
      if (r.parsedAs === 'plain') plain++;
      const ranked = r.hits.map((h) => h.id);
      map += averagePrecision(ranked, relevant);
      ndcg += ndcgAt(10, ranked, relevant);
      n++;
    }
    await index.close();
    map /= n;
    ndcg /= n;
    console.log(`CISI: ${docs.length} documents, ${n} judged queries (${plain} read as plain words after a parse error)`);
    console.log(`MAP      ${map.toFixed(4)}   (BM25 reference ${REFERENCE.map})  ${map >= REFERENCE.map ? 'ok' : 'BELOW'}`);
    console.log(`nDCG@10  ${ndcg.toFixed(4)}   (BM25 reference ${REFERENCE.ndcg10})  ${ndcg >= REFERENCE.ndcg10 ? 'ok' : 'BELOW'}`);
    if (map < REFERENCE.map || ndcg < REFERENCE.ndcg10) process.exitCode = 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();

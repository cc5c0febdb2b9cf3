// Runs one engine through one phase of the benchmark in a fresh process, so that cold
// start and heap figures are not polluted by other engines: `build` (bulk build, persist)
// or `run` (cold open to first answer, heap after load, query mix, new article). Prints JSON.

import { readFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BenchDoc } from './corpus';
import { newArticle } from './corpus';
import { QUERIES, type BenchQuery } from './queries';
import type { BenchEngine, BenchMeta } from './engines/engine';

const [phase, name, workdir] = process.argv.slice(2);
const MB = 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
/** Rounds run first and not measured: every engine's hot paths get the JIT's attention. */
const WARMUP = 2;

async function engine(): Promise<BenchEngine> {
  switch (name) {
    case 'dossier':
      return (await import('./engines/dossier')).dossier();
    case 'lunr':
      return (await import('./engines/naive-lunr')).naiveLunr();
    case 'minisearch':
      return (await import('./engines/minisearch')).miniSearch();
    case 'flexsearch':
      return (await import('./engines/flexsearch')).flexSearch();
    case 'sqlite':
      return (await import('./engines/sqlite-fts5')).sqliteFts5();
  }
  throw new Error(`unknown engine ${name}`);
}

const readCorpus = (): BenchDoc[] =>
  readFileSync(path.join(workdir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchDoc);

function dirBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(path.join(dir, f));
    n += s.isDirectory() ? dirBytes(path.join(dir, f)) : s.size;
  }
  return n;
}

/** Watches the event loop: the longest gap between 5 ms ticks, and the peak heap seen. */
function monitor(): () => { stallMs: number; peakHeapMB: number } {
  let last = performance.now();
  let stall = 0;
  let peak = process.memoryUsage().heapUsed;
  const t = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  return () => {
    clearInterval(t);
    return { stallMs: stall, peakHeapMB: peak / MB };
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function build(): Promise<object> {
  const docs = readCorpus();
  const dir = path.join(workdir, `idx-${name}`);
  rmSync(dir, { recursive: true, force: true });
  const e = await engine();
  const stop = monitor();
  const t = performance.now();
  await e.build(docs, dir, path.join(workdir, 'content'));
  const buildMs = performance.now() - t;
  const m = stop();
  await e.close();
  return { buildMs, stallMs: m.stallMs, peakHeapMB: m.peakHeapMB, peakRssMB: process.resourceUsage().maxRSS / 1024, indexMB: dirBytes(dir) / MB };
}

async function run(): Promise<object> {
  const metas = JSON.parse(readFileSync(path.join(workdir, 'metas.json'), 'utf8')) as BenchMeta[];
  const t0 = performance.now();
  const e = await engine();
  await e.open(path.join(workdir, `idx-${name}`), path.join(workdir, 'content'), metas);
  const first = await e.query(QUERIES[0]);
  const coldMs = performance.now() - t0;
  gc();
  const mem = process.memoryUsage();
  const latencies: number[] = [];
  const byKind: Record<string, number[]> = {};
  const counts: Record<string, number> = {};
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      const ids = await e.query(q);
      const ms = performance.now() - t;
      if (round < WARMUP) {
        counts[q.text] = ids.length;
        continue;
      }
      latencies.push(ms);
      (byKind[q.kind] ??= []).push(ms);
    }
  }
  let corpus: BenchDoc[] | null = null;
  const all = () => (corpus ??= readCorpus());
  if (name === 'lunr') all();
  const adds: number[] = [];
  for (let k = 0; k < (name === 'lunr' ? 1 : 5); k++) {
    const doc = newArticle(k);
    const word = `quokkaville${k}`;
    const q: BenchQuery = { kind: 'term', text: word, words: [{ w: word }] };
    const t = performance.now();
    await e.add(doc, all);
    const ids = await e.query(q);
    adds.push(performance.now() - t);
    if (!ids.includes(doc.id)) throw new Error(`${name}: the new article was not found`);
  }
  await e.close();
  return {
    bootMs: t0,
    coldMs,
    firstHits: first.length,
    heapAfterLoadMB: mem.heapUsed / MB,
    arrayBuffersMB: mem.arrayBuffers / MB,
    rssAfterLoadMB: mem.rss / MB,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { p50: pct(v, 50), p95: pct(v, 95) }])),
    hitCounts: counts,
    newArticleMs: pct(adds, 50),
  };
}

const out = phase === 'build' ? await build() : await run();
process.stdout.write(JSON.stringify(out) + '\n');


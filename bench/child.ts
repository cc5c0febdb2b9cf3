// Runs one engine through one phase of the benchmark in a fresh process, so that cold
// start and memory figures are not polluted by other engines: `prepare` (untimed setup),
// `build` (bulk build, persist), `cold <kind>` (open to the first answer of one query kind,
// metadata read included, the longest event-loop block during that first answer and, apart,
// during the background work that follows it until the engine has settled), `settled <kind>`
// (the longest block during the first answer of a kind once the engine has settled and sat
// idle for IDLE_MS, as when someone opens the app and searches a little later) or
// `run` (memory after load, the query mix with wall and CPU time, total match counts, stop-word
// queries apart, a new article). Prints one JSON line.

import { readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchDoc } from './corpus';
import { newArticle } from './corpus';
import { QUERIES, STOP_WORD_QUERIES, type BenchQuery } from './queries';
import type { BenchEngine } from './engines/engine';
import { peakRssMB } from './peak-rss';

const [phase, name, workdir, arg] = process.argv.slice(2);
/** Set before any engine code loads: the cold figures count the engine's own imports. */
const T0 = performance.now();
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

const indexDir = () => path.join(workdir, `idx-${name}`);

const readCorpus = (): BenchDoc[] =>
  readFileSync(path.join(workdir, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchDoc);

function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(path.join(dir, f));
    n += s.isDirectory() ? dirBytes(path.join(dir, f)) : s.size;
  }
  return n;
}

/**
 * Watches the event loop: the longest block (ms) and the peak RSS seen. A timer ticks every
 * millisecond and the longest gap between ticks, less the tick, is the longest block. The
 * first gap counts from the moment the watch starts: a query answered in one synchronous run
 * right after it (a first query is often that) is a block like any other. (Node's
 * monitorEventLoopDelay, used before, takes its first tick as its starting point and so
 * missed exactly that block.)
 */
function monitor(): () => { stallMs: number; peakRssMB: number } {
  let last = performance.now();
  let worst = 0;
  let peak = process.memoryUsage.rss();
  let ticks = 0;
  const t = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
    if (++ticks % 20 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  }, 1);
  return () => {
    clearInterval(t);
    worst = Math.max(worst, performance.now() - last - 1);
    return { stallMs: Math.max(0, worst), peakRssMB: Math.max(peak, process.memoryUsage.rss()) / MB };
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** Lets a timer due after a synchronous block fire, so the monitor sees the block. */
const settle = () => new Promise((r) => setTimeout(r, 3));
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const memory = () => {
  const m = process.memoryUsage();
  return {
    heapMB: m.heapUsed / MB,
    externalMB: m.external / MB,
    arrayBuffersMB: m.arrayBuffers / MB,
    rssMB: m.rss / MB,
  };
};

async function prepare(): Promise<object> {
  const e = await engine();
  if (e.prepare) await e.prepare(workdir, readCorpus());
  return { prepared: true };
}

async function build(): Promise<object> {
  const e = await engine();
  const docs = e.needsDocs ? readCorpus() : [];
  // A build starts from nothing: an index left by an earlier run (SQLite's tables, say) is not reused.
  rmSync(indexDir(), { recursive: true, force: true });
  const stop = monitor();
  const t = performance.now();
  await e.build(docs, indexDir(), workdir);
  const buildMs = performance.now() - t;
  await settle();
  const m = stop();
  await e.close();
  const dir = name === 'dossier' ? path.join(workdir, 'archive', 'index') : indexDir();
  return {
    buildMs,
    stallMs: m.stallMs,
    peakRssMB: peakRssMB(),
    indexMB: dirBytes(dir) / MB,
    buildLoad: load(),
  };
}

const firstQuery = (kind: string): BenchQuery => {
  const q = QUERIES.find((x) => x.kind === kind);
  if (!q) throw new Error(`no ${kind} query`);
  return q;
};

/** Open, then the first query of one kind: the time to its answer from before the engine's
 *  code loaded, the longest block while it was answered and, apart, the longest block after
 *  it until the engine settled (Dossier reads the archive's metadata then). */
async function cold(kind: string): Promise<object> {
  const q = firstQuery(kind);
  const e = await engine();
  await e.open(indexDir(), workdir);
  const opened = performance.now();
  const stop = monitor();
  await e.query(q);
  const answered = performance.now();
  await settle();
  const m = stop();
  const stopLoad = monitor();
  await e.settle?.();
  await settle();
  const l = stopLoad();
  const mem = memory();
  await e.close();
  return {
    kind,
    query: q.text,
    coldMs: answered - T0,
    openMs: opened - T0,
    firstQueryMs: answered - opened,
    firstStallMs: m.stallMs,
    loadStallMs: l.stallMs,
    rssAfterMB: mem.rssMB,
    load: load(),
  };
}

/** How long a settled engine sits idle before its first query in `settled`. */
const IDLE_MS = 2000;

/** Open, settle, sit idle, then the first query of one kind: the longest block while it is answered. */
async function settledFirst(kind: string): Promise<object> {
  const q = firstQuery(kind);
  const e = await engine();
  await e.open(indexDir(), workdir);
  await e.settle?.();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const stop = monitor();
  const t = performance.now();
  await e.query(q);
  const answered = performance.now();
  await settle();
  const m = stop();
  await e.close();
  return { settledQueryMs: answered - t, settledStallMs: m.stallMs, settledLoad: load() };
}

interface Timings {
  wall: number[];
  cpu: number[];
}

async function timeQueries(
  e: BenchEngine,
  queries: BenchQuery[],
  rounds: number,
  byKind: Record<string, Timings>,
  all: Timings,
): Promise<void> {
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (const q of queries) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      await e.query(q);
      const wall = performance.now() - t;
      const c = process.cpuUsage(c0);
      if (round < WARMUP) continue;
      const cpu = (c.user + c.system) / 1000;
      all.wall.push(wall);
      all.cpu.push(cpu);
      const k = (byKind[q.kind] ??= { wall: [], cpu: [] });
      k.wall.push(wall);
      k.cpu.push(cpu);
    }
  }
}

const summary = (t: Timings) => ({
  p50: pct(t.wall, 50),
  p95: pct(t.wall, 95),
  cpuP50: pct(t.cpu, 50),
  cpuP95: pct(t.cpu, 95),
});

async function run(): Promise<object> {
  const e = await engine();
  const stopOpen = monitor();
  await e.open(indexDir(), workdir);
  await e.settle?.();
  const openRss = stopOpen().peakRssMB;
  gc();
  const afterLoad = memory();
  const stop = monitor();
  const byKind: Record<string, Timings> = {};
  const all: Timings = { wall: [], cpu: [] };
  await timeQueries(e, QUERIES, ROUNDS, byKind, all);
  const stopWords: Timings = { wall: [], cpu: [] };
  await timeQueries(e, STOP_WORD_QUERIES, ROUNDS, {}, stopWords);
  const m = stop();
  gc();
  const afterQueries = memory();
  const counts: Record<string, number> = {};
  for (const q of [...QUERIES, ...STOP_WORD_QUERIES]) counts[q.text] = await e.count(q);
  let corpus: BenchDoc[] | null = null;
  const corpusOnce = () => (corpus ??= readCorpus());
  if (name === 'lunr') corpusOnce();
  const adds: number[] = [];
  for (let k = 0; k < (name === 'lunr' ? 1 : 5); k++) {
    const doc = newArticle(k);
    const word = `quokkaville${k}`;
    const q: BenchQuery = { kind: 'term', text: word, words: [{ w: word }] };
    const t = performance.now();
    const id = await e.add(doc, corpusOnce);
    const ids = await e.query(q);
    adds.push(performance.now() - t);
    if (!ids.includes(id)) throw new Error(`${name}: the new article was not found`);
  }
  await e.undoAdds?.();
  await e.close();
  return {
    ...summary(all),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summary(v)])),
    stopWords: summary(stopWords),
    hitCounts: counts,
    heapAfterLoadMB: afterLoad.heapMB,
    externalAfterLoadMB: afterLoad.externalMB,
    arrayBuffersAfterLoadMB: afterLoad.arrayBuffersMB,
    rssAfterLoadMB: afterLoad.rssMB,
    rssAfterQueriesMB: afterQueries.rssMB,
    heapAfterQueriesMB: afterQueries.heapMB,
    externalAfterQueriesMB: afterQueries.externalMB,
    peakRssRunMB: Math.max(openRss, m.peakRssMB, peakRssMB()),
    longestBlockDuringQueriesMs: m.stallMs,
    newArticleMs: pct(adds, 50),
    runLoad: load(),
  };
}

const out =
  phase === 'prepare'
    ? await prepare()
    : phase === 'build'
      ? await build()
      : phase === 'cold'
        ? await cold(arg)
        : phase === 'settled'
          ? await settledFirst(arg)
          : await run();
process.stdout.write(JSON.stringify(out) + '\n');
// Workers or timers an engine leaves behind must not keep the figures from being reported.
process.exit(0);

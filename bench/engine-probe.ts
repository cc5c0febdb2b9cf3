// Measures the search engine alone, as the app drives it, at one corpus size: the bulk build
// (time, peak RSS), cold open, the first use of each query kind (the longest the thread stalls),
// steady-state latency of 50-hit searches with snippets, and RSS through a session of searches,
// edits and an import. One phase per fresh process; prints JSON with the machine's load.
//
//   node --expose-gc --import tsx bench/engine-probe.ts build 50000
//   node --expose-gc --import tsx bench/engine-probe.ts run 50000
//   node --expose-gc --import tsx bench/engine-probe.ts archive 50000   (twice: prepare, then measure)
//
// The corpus is the benchmark's (bench/run.ts prepares it under the OS temp folder); the
// index this probe builds lives in a folder of its own beside it.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSearchIndex } from '../archive/search/index';
import type { SearchIndex, SearchMeta } from '../archive/search/types';
import type { BenchDoc } from './corpus';
import { makeCorpus, newArticle } from './corpus';
import type { BenchMeta } from './engines/engine';
import { QUERIES } from './queries';
import { peakRssMB } from './peak-rss';

const [phase, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg ?? 10000);
const corpusDir = path.join(os.tmpdir(), 'dossier-bench', String(size));
/** PROBE_WORK puts the probe's own index and archive elsewhere (say, to compare two checkouts). */
const work = path.join(process.env.PROBE_WORK ?? path.join(os.tmpdir(), 'engine-probe'), String(size));
const indexDir = path.join(work, 'index');
const MB = 1024 * 1024;
const LIMIT = 50;
const rss = () => process.memoryUsage().rss / MB;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const r2 = (x: number) => Math.round(x * 100) / 100;

function metas(): BenchMeta[] {
  if (!existsSync(path.join(corpusDir, 'metas.json')))
    throw new Error(`no corpus in ${corpusDir}: run npm run bench with BENCH_SIZES=${size} once`);
  return JSON.parse(readFileSync(path.join(corpusDir, 'metas.json'), 'utf8')) as BenchMeta[];
}

/** Samples RSS every 20 ms (with peakRssMB(), the peak however the process began). */
function rssPeak(): () => number {
  let peak = rss();
  const t = setInterval(() => (peak = Math.max(peak, rss())), 20);
  return () => {
    clearInterval(t);
    return Math.max(peak, rss());
  };
}

/** The longest the event loop was blocked while `fn` ran (the gap between 1 ms ticks, which
 *  start a tick before the call), with its wall and CPU time. */
async function stall<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number; stallMs: number }> {
  let last = performance.now();
  let max = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 3));
  max = 0;
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t;
  const cu = process.cpuUsage(c);
  await new Promise((r) => setTimeout(r, 3));
  clearInterval(tick);
  return { value, wallMs, cpuMs: (cu.user + cu.system) / 1000, stallMs: max };
}

async function build(): Promise<object> {
  rmSync(indexDir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const m = metas();
  const peak = rssPeak();
  const t = performance.now();
  const index = await openSearchIndex({
    dir: indexDir,
    contentDir: path.join(corpusDir, 'content'),
    metas: m.map(toMeta),
  });
  await index.flush();
  const buildS = (performance.now() - t) / 1000;
  await index.close();
  return { buildS: r2(buildS), peakRssMB: Math.round(Math.max(peak(), peakRssMB())) };
}

const FIRST: Array<[string, (ix: SearchIndex) => Promise<unknown>]> = [
  ['term', (ix) => ix.query({ q: 'economy', limit: LIMIT })],
  ['phrase', (ix) => ix.query({ q: '"prime minister"', limit: LIMIT })],
  ['prefix', (ix) => ix.query({ q: 'elect*', limit: LIMIT })],
  ['typing', (ix) => ix.query({ q: 'interest ra', limit: LIMIT })],
  ['wildcard', (ix) => ix.query({ q: 'gov*ment', limit: LIMIT })],
  ['fuzzy', (ix) => ix.query({ q: 'goverment~1', limit: LIMIT })],
  ['filter', (ix) => ix.query({ q: 'tag:sport year:2020', limit: LIMIT })],
  ['filter+term', (ix) => ix.query({ q: 'source:Reuters market', limit: LIMIT })],
  ['typo', (ix) => ix.query({ q: 'parliment', limit: LIMIT })],
  ['related', (ix) => ix.related('b00010', { exclude: [], limit: 5 })],
];

async function run(): Promise<object> {
  if (!existsSync(path.join(indexDir, 'manifest.json'))) throw new Error('no index: run the build phase first');
  // The session below edits and imports: it works on a copy, so every run starts alike.
  const runDir = path.join(work, 'run-index');
  rmSync(runDir, { recursive: true, force: true });
  cpSync(indexDir, runDir, { recursive: true });
  const out: Record<string, unknown> = {};
  const m = metas();
  gc();
  out.rssBeforeOpenMB = Math.round(rss());
  const peak = rssPeak();
  const t0 = performance.now();
  const index = await openSearchIndex({
    dir: runDir,
    contentDir: path.join(corpusDir, 'content'),
    metas: m.map(toMeta),
  });
  out.openMs = Math.round(performance.now() - t0);
  gc();
  out.rssAfterOpenMB = Math.round(rss());
  // A reader's first search comes some time after the archive opens (the window paints, they
  // type): PROBE_IDLE_MS of idle time first (0 measures a search issued the instant open resolves).
  const idle = Number(process.env.PROBE_IDLE_MS ?? 500);
  await new Promise((r) => setTimeout(r, idle));
  out.idleBeforeFirstMs = idle;

  const first: Record<string, { wallMs: number; cpuMs: number; stallMs: number }> = {};
  for (const [kind, fn] of FIRST) {
    const s = await stall(() => fn(index));
    first[kind] = { wallMs: r2(s.wallMs), cpuMs: r2(s.cpuMs), stallMs: r2(s.stallMs) };
  }
  out.firstUse = first;
  gc();
  out.rssAfterFirstUseMB = Math.round(rss());

  // Steady state: the benchmark's query mix, 50 hits with snippets, as the app asks.
  const lat: number[] = [];
  const noSaid: number[] = [];
  const cpu: number[] = [];
  const byKind: Record<string, number[]> = {};
  for (let round = 0; round < 12; round++) {
    for (const q of QUERIES) {
      const c = process.cpuUsage();
      const t = performance.now();
      await index.query({ q: q.text, limit: LIMIT });
      const ms = performance.now() - t;
      const cu = process.cpuUsage(c);
      if (round < 2) continue;
      lat.push(ms);
      cpu.push((cu.user + cu.system) / 1000);
      if (q.text !== 'said') noSaid.push(ms);
      (byKind[q.kind] ??= []).push(ms);
    }
  }
  out.p50 = r2(pct(lat, 50));
  out.p95 = r2(pct(lat, 95));
  out.cpuP50 = r2(pct(cpu, 50));
  out.cpuP95 = r2(pct(cpu, 95));
  out.p95NoSaid = r2(pct(noSaid, 95));
  out.byKindP95 = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, r2(pct(v, 95))]));
  const rel: number[] = [];
  for (let k = 0; k < 40; k++) {
    const id = `b${((k * 997) % size).toString(36).padStart(5, '0')}`;
    const t = performance.now();
    await index.related(id, { exclude: [], limit: 5 });
    rel.push(performance.now() - t);
  }
  out.relatedP95 = r2(pct(rel, 95));
  gc();
  out.rssAfterQueriesMB = Math.round(rss());

  // A session: edits (new stamps, new bodies), an import of many new articles, searches between.
  const corpus = makeCorpus(Math.min(size, 3000), 7);
  let longest = 0;
  for (let k = 0; k < 300; k++) {
    const meta = toMeta(m[(k * 131) % m.length]);
    index.upsert({ ...meta, stamp: `edit${k}`, notes: `edited note ${k}` });
    if (k % 10 === 0) {
      const s = await stall(() => index.query({ q: QUERIES[k % QUERIES.length].text, limit: LIMIT }));
      longest = Math.max(longest, s.stallMs);
    }
  }
  for (let k = 0; k < corpus.length; k++) {
    const d = corpus[k];
    // As an import does, the body reaches content/ before the index hears of the item.
    writeFileSync(path.join(corpusDir, 'content', `imp${k}.txt`), d.body);
    index.upsert({ ...toMeta({ ...d, id: `imp${k}` }), body: d.body });
    if (k % 500 === 499) {
      const s = await stall(() => index.query({ q: QUERIES[k % QUERIES.length].text, limit: LIMIT }));
      longest = Math.max(longest, s.stallMs);
    }
  }
  const s = await stall(() => index.query({ q: '"world cup"', limit: LIMIT }));
  out.importSettleMs = Math.round(s.wallMs);
  await index.flush();
  for (const q of QUERIES) await index.query({ q: q.text, limit: LIMIT });
  index.upsert({ ...toMeta(newArticle(0)), body: newArticle(0).body });
  await index.query({ q: 'quokkaville0', limit: LIMIT });
  out.sessionLongestQueryStallMs = r2(longest);
  for (let k = 0; k < corpus.length; k++) rmSync(path.join(corpusDir, 'content', `imp${k}.txt`), { force: true });
  gc();
  out.rssAfterSessionMB = Math.round(rss());
  out.peakRssMB = Math.round(Math.max(peak(), peakRssMB()));
  await index.close();
  return out;
}

/**
 * The archive host as `dossier serve` holds it: the whole Archive (metadata store, journal,
 * index) opened from an archive folder, answering through dispatch. Builds the folder once
 * (bench/corpus-archive.ts), then reports RSS through searches, edits and an import.
 */
async function archiveSession(): Promise<object> {
  const { Archive } = await import('../archive/core/archive');
  const { dispatch } = await import('../archive/api/dispatch');
  const { writeCorpusArchive } = await import('./corpus-archive');
  const src = path.join(work, 'archive');
  if (!existsSync(path.join(src, 'ready'))) {
    rmSync(src, { recursive: true, force: true });
    const docs = readFileSync(path.join(corpusDir, 'corpus.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BenchDoc);
    writeCorpusArchive(src, docs);
    const a = await Archive.open(src);
    await a.index.flush();
    await a.close();
    writeFileSync(path.join(src, 'ready'), 'ok');
    return { prepared: src };
  }
  const dir = path.join(work, 'archive-run');
  rmSync(dir, { recursive: true, force: true });
  cpSync(src, dir, { recursive: true });
  const out: Record<string, unknown> = {};
  gc();
  const peak = rssPeak();
  const t0 = performance.now();
  const a = await Archive.open(dir);
  out.openMs = Math.round(performance.now() - t0);
  gc();
  out.rssAfterOpenMB = Math.round(rss());
  const call = async (method: string, args: unknown) => {
    const r = await dispatch(a, method as never, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  const first: Record<string, { wallMs: number; cpuMs: number; stallMs: number }> = {};
  for (const [kind, q] of [
    ['term', 'economy'],
    ['phrase', '"prime minister"'],
    ['prefix', 'elect*'],
    ['filter', 'tag:sport year:2020'],
  ] as const) {
    const s = await stall(() => call('search.query', { q, limit: LIMIT }));
    first[kind] = { wallMs: r2(s.wallMs), cpuMs: r2(s.cpuMs), stallMs: r2(s.stallMs) };
  }
  const s = await stall(() => call('search.related', { id: '0000000000000010', limit: 5 }));
  first.related = { wallMs: r2(s.wallMs), cpuMs: r2(s.cpuMs), stallMs: r2(s.stallMs) };
  out.firstUse = first;
  const lat: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await call('search.query', { q: q.text, limit: LIMIT });
      if (round >= 1) lat.push(performance.now() - t);
    }
  }
  out.p50 = r2(pct(lat, 50));
  out.p95 = r2(pct(lat, 95));
  gc();
  out.rssAfterQueriesMB = Math.round(rss());
  const ids = a.data.items.map((i) => i.id);
  for (let k = 0; k < 300; k++) {
    const id = ids[(k * 131) % ids.length];
    await call('tags.add', { id, tags: [`probe${k % 7}`] });
    if (k % 3 === 0) await call('notes.create', { itemId: id, text: `A note on this item, number ${k}.` });
    if (k % 10 === 0) await call('search.query', { q: QUERIES[k % QUERIES.length].text, limit: LIMIT });
  }
  const corpus = makeCorpus(2000, 11);
  const now = new Date().toISOString();
  corpus.forEach((d, k) => {
    const item = {
      ...a.data.items[0],
      id: (0x100000 + k).toString(16).padStart(16, '0'),
      title: d.title,
      tags: d.tags,
      added: now,
      updated: now,
      excerpt: d.body.slice(0, 280),
    };
    a.commit(item, d.body);
  });
  for (const q of QUERIES) await call('search.query', { q: q.text, limit: LIMIT });
  await a.flush();
  for (const q of QUERIES) await call('search.query', { q: q.text, limit: LIMIT });
  for (let k = 0; k < 20; k++) await call('search.related', { id: ids[k * 37], limit: 5 });
  gc();
  out.rssAfterSessionMB = Math.round(rss());
  out.peakRssMB = Math.round(Math.max(peak(), peakRssMB()));
  await a.close();
  return out;
}

const before = os.loadavg();
const result = phase === 'build' ? await build() : phase === 'archive' ? await archiveSession() : await run();
process.stdout.write(
  JSON.stringify({ phase, size, load: { before: before.map(r2), after: os.loadavg().map(r2) }, ...result }) + '\n',
);

function toMeta(d: BenchMeta): SearchMeta {
  return {
    id: d.id,
    kind: 'article',
    title: d.title,
    tags: d.tags,
    source: d.source,
    byline: null,
    notes: d.notes,
    published: d.published,
    added: `${d.published}T12:00:00.000Z`,
    language: 'en',
    hasNotes: d.notes.length > 0,
    hasHighlights: false,
    unread: d.unread,
    stamp: '1',
  };
}

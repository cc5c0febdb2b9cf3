// The storage section of `npm run bench`, run in a fresh process per archive size: the
// journal (what Dossier does) against rewriting the whole dossier.json per edit (what it
// did before), in the same run, on the same archive. Prints one JSON line of figures:
// one tag edit until durable (p50/p95), the event loop's longest block during edits,
// 1,000 concurrent edits through the API (edits/s), and opening the archive.

import { rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Archive } from '../archive/core/archive';
import { Store } from '../archive/core/store';
import { dispatch } from '../archive/api/dispatch';
import { writeFileAtomic } from '../archive/core/atomic-file';
import { prepareBenchArchive } from './bench-archive';

const [corpusDir, workDir] = process.argv.slice(2);
const EDITS = 200;
const CONCURRENT = 1_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Measures `edit` EDITS times one after another: latency until durable, and the longest event-loop block. */
async function sequential(edit: (i: number) => Promise<void>): Promise<{ p50: number; p95: number; blockMs: number }> {
  const times: number[] = [];
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  for (let i = 0; i < EDITS; i++) {
    const t = performance.now();
    await edit(i);
    times.push(performance.now() - t);
  }
  h.disable();
  times.sort((a, b) => a - b);
  // The histogram reports delays past the 1 ms resolution tick, in nanoseconds.
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), blockMs: Math.max(0, h.max / 1e6 - 1) };
}

async function main(): Promise<void> {
  const dir = await prepareBenchArchive(corpusDir, workDir);
  const figures: Record<string, number> = {};

  // Opening: the store alone (metadata, validation, journal replay) and with the search index.
  let t = performance.now();
  const store = await Store.open(dir, { readOnly: true });
  figures.openStoreMs = performance.now() - t;
  figures.items = store.data.items.length;
  t = performance.now();
  const archive = await Archive.open(dir);
  figures.openArchiveMs = performance.now() - t;
  const ids = archive.data.items.map((i) => i.id);

  // The journal: one tag edit through the API, until durable.
  const journal = await sequential(async (i) => {
    const outcome = await dispatch(archive, 'tags.add', { id: ids[(i * 7919) % ids.length], tags: [`bench-${i}`] });
    if (!outcome.ok) throw new Error(outcome.error.message);
  });
  figures.journalP50 = journal.p50;
  figures.journalP95 = journal.p95;
  figures.journalBlockMs = journal.blockMs;

  // 1,000 concurrent edits through the API.
  t = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      dispatch(archive, 'tags.add', { id: ids[(i * 104_729) % ids.length], tags: [`burst-${i % 50}`] }),
    ),
  );
  if (outcomes.some((o) => !o.ok)) throw new Error('a concurrent edit failed');
  figures.journalEditsPerS = CONCURRENT / ((performance.now() - t) / 1000);
  figures.journalWrites = archive.store.writes;

  // The same edits the old way: the whole dossier.json rewritten (atomically, durably) per edit.
  const file = path.join(workDir, 'rewrite.json');
  const rewrite = await sequential(async (i) => {
    const item = archive.data.items[(i * 7919) % ids.length];
    item.tags = [...item.tags, `old-${i}`];
    await writeFileAtomic(file, JSON.stringify(archive.data));
  });
  figures.rewriteP50 = rewrite.p50;
  figures.rewriteP95 = rewrite.p95;
  figures.rewriteBlockMs = rewrite.blockMs;
  // Concurrent edits the old way, at its best: every edit that arrives during a rewrite shares the next one.
  t = performance.now();
  let writing: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const rewriteSoon = (): Promise<void> => {
    if (queued) return queued;
    const run = async () => {
      await writing;
      queued = null;
      writing = writeFileAtomic(file, JSON.stringify(archive.data));
      await writing;
    };
    queued = run();
    return queued;
  };
  await Promise.all(Array.from({ length: CONCURRENT }, () => rewriteSoon()));
  figures.rewriteEditsPerS = CONCURRENT / ((performance.now() - t) / 1000);

  await archive.close();
  await store.close();
  // Opening again after the session: the journal it left is replayed.
  t = performance.now();
  const again = await Store.open(dir, { readOnly: true });
  figures.reopenStoreMs = performance.now() - t;
  await again.close();
  // Leave the prepared archive as it was for the next run: fold and drop the bench tags by re-preparing next time.
  rmSync(path.join(workDir, 'ready'), { force: true });
  console.log(JSON.stringify(figures));
}

await main();

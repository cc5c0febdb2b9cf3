// The import section of `npm run bench`: text articles imported through the product's own
// path (`import.paths` through dispatch(), exactly as the CLI and the app import files)
// into one archive as it grows from empty, in batches; prints items/s per batch and per
// window (10,000 articles; 2,000 in quick mode), the last batch against the first (the
// archive full against empty), the time until the index is on disk and the archive closed,
// and the peak RSS, as one JSON line. A time budget stops a
// slow run early and says where. Run in a fresh process by run.ts.

import { createReadStream, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../archive/core/archive';
import { dispatch } from '../archive/api/dispatch';
import { keepHeapTight } from '../archive/core/heap-growth';
import type { BenchDoc } from './corpus';

const [corpusDir, workDir, maxArg, batchArg, windowArg, budgetArg] = process.argv.slice(2);
const MAX = Number(maxArg ?? 50_000);
const BATCH = Number(batchArg ?? 2_000);
const WINDOW = Number(windowArg ?? 10_000);
const BUDGET_S = Number(budgetArg ?? 3_600);

/** Writes the corpus's first `max` articles as text files under `files`, a line at a time:
 *  the corpus held in memory (some 300 MB at 50,000) would count in the import's peak RSS. */
async function writeArticles(corpus: string, files: string, max: number): Promise<string[]> {
  const paths: string[] = [];
  const lines = createInterface({ input: createReadStream(corpus), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const d = JSON.parse(line) as BenchDoc;
    const file = path.join(files, `${String(paths.length).padStart(6, '0')}.txt`);
    writeFileSync(file, `${d.title}\n\n${d.body}\n`);
    paths.push(file);
    if (paths.length >= max) break;
  }
  lines.close();
  return paths;
}

async function main(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  const files = path.join(workDir, 'files');
  mkdirSync(files, { recursive: true });
  const paths = await writeArticles(path.join(corpusDir, 'corpus.jsonl'), files, MAX);
  // The app imports in its archive host, whose heap openArchive holds tight: so here.
  keepHeapTight();
  const archive = await Archive.open(path.join(workDir, 'archive'));
  let peakRss = process.memoryUsage.rss();
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  const perBatch: Array<{ from: number; itemsPerS: number }> = [];
  const perWindow: Array<{ upTo: number; itemsPerS: number }> = [];
  let windowStart = performance.now();
  let windowCount = 0;
  let imported = 0;
  let stoppedAt: number | null = null;
  const started = performance.now();
  for (let i = 0; i < paths.length; i += BATCH) {
    const batch = paths.slice(i, i + BATCH);
    const t = performance.now();
    const outcome = await dispatch(archive, 'import.paths', { paths: batch }, { trusted: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // Durable, as the user's import is before it reports done.
    await archive.durable();
    perBatch.push({ from: i, itemsPerS: batch.length / ((performance.now() - t) / 1000) });
    imported += outcome.value.imported.length;
    windowCount += batch.length;
    if ((i + BATCH) % WINDOW === 0 || i + BATCH >= paths.length) {
      perWindow.push({
        upTo: Math.min(i + BATCH, paths.length),
        itemsPerS: windowCount / ((performance.now() - windowStart) / 1000),
      });
      windowStart = performance.now();
      windowCount = 0;
    }
    if ((performance.now() - started) / 1000 > BUDGET_S && i + BATCH < paths.length) {
      stoppedAt = i + BATCH;
      break;
    }
  }
  const importS = (performance.now() - started) / 1000;
  // The index may still hold the imported articles in memory only: until it is on disk
  // (and the archive closed) counts as part of the import.
  const f0 = performance.now();
  await archive.flush();
  await archive.close();
  const closeS = (performance.now() - f0) / 1000;
  const totalS = importS + closeS;
  clearInterval(watch);
  rmSync(workDir, { recursive: true, force: true });
  const first = perBatch[0]?.itemsPerS ?? 0;
  const last = perBatch.at(-1)?.itemsPerS ?? 0;
  console.log(
    JSON.stringify({
      files: paths.length,
      imported,
      stoppedAt,
      budgetS: BUDGET_S,
      batch: BATCH,
      window: WINDOW,
      importS,
      closeS,
      totalS,
      itemsPerS: imported / totalS,
      perBatch,
      perWindow,
      firstBatchPerS: first,
      lastBatchPerS: last,
      lastBatchFrom: perBatch.at(-1)?.from ?? 0,
      lastToFirst: last / first,
      peakRssMB: peakRss / 1024 / 1024,
      load: os.loadavg(),
    }),
  );
}

await main();

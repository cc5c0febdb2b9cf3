// The import section of `npm run bench`: text articles imported through the product's own
// path (`import.paths` through dispatch(), exactly as the CLI and the app import files)
// into one archive as it grows from empty, in batches; prints items/s for each 10,000
// articles and the peak RSS, as one JSON line. Run in a fresh process by run.ts.

import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../archive/core/archive';
import { dispatch } from '../archive/api/dispatch';
import type { BenchDoc } from './corpus';

const [corpusDir, workDir, maxArg] = process.argv.slice(2);
const MAX = Number(maxArg ?? 50_000);
const BATCH = 2_000;

async function main(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  const files = path.join(workDir, 'files');
  mkdirSync(files, { recursive: true });
  const docs = readFileSync(path.join(corpusDir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, MAX).map((l) => JSON.parse(l) as BenchDoc);
  const paths = docs.map((d, i) => {
    const file = path.join(files, `${String(i).padStart(6, '0')}.txt`);
    writeFileSync(file, `${d.title}\n\n${d.body}\n`);
    return file;
  });
  const archive = await Archive.open(path.join(workDir, 'archive'));
  let peakRss = process.memoryUsage().rss;
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const perTenK: Array<{ upTo: number; itemsPerS: number }> = [];
  let windowStart = performance.now();
  let windowCount = 0;
  let imported = 0;
  const started = performance.now();
  for (let i = 0; i < paths.length; i += BATCH) {
    const outcome = await dispatch(archive, 'import.paths', { paths: paths.slice(i, i + BATCH) }, { trusted: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    imported += outcome.value.imported.length;
    windowCount += Math.min(BATCH, paths.length - i);
    if ((i + BATCH) % 10_000 === 0 || i + BATCH >= paths.length) {
      perTenK.push({ upTo: Math.min(i + BATCH, paths.length), itemsPerS: windowCount / ((performance.now() - windowStart) / 1000) });
      windowStart = performance.now();
      windowCount = 0;
    }
  }
  const totalS = (performance.now() - started) / 1000;
  await archive.close();
  clearInterval(watch);
  rmSync(workDir, { recursive: true, force: true });
  const first = perTenK[0]?.itemsPerS ?? 0;
  const last = perTenK.at(-1)?.itemsPerS ?? 0;
  console.log(JSON.stringify({ files: paths.length, imported, totalS, itemsPerS: paths.length / totalS, perTenK, lastToFirst: last / first, peakRssMB: peakRss / 1024 / 1024 }));
}

await main();

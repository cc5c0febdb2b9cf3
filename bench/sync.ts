// `npm run bench:sync`: the sync figures of issue 14, on archives built from the benchmark
// corpus (../shared/corpora/news/bbc.jsonl, cached in the OS temp folder): the first sync of
// an archive to an empty folder, a round with nothing to do, a round carrying 1,000 changes
// (sent, then received and applied on another machine), and the bytes one tag edit writes.
// SYNC_SIZES=10000,50000 picks the sizes. Prints a table and writes bench/sync-results.json.

import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Archive } from '../archive/core/archive';
import { tagItem } from '../archive/core/tagging';
import { updateItem } from '../archive/core/items';
import { syncRound } from '../archive/sync/round';
import { FolderTarget } from '../archive/sync/target';
import { bbcAvailable, makeCorpus } from './corpus';
import { writeCorpusArchive } from './corpus-archive';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.SYNC_SIZES ?? '10000,50000').split(',').map(Number);
const ROOT = path.join(os.tmpdir(), 'dossier-bench-sync');

function buildArchive(dir: string, size: number): void {
  rmSync(dir, { recursive: true, force: true });
  writeCorpusArchive(dir, makeCorpus(size));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(size: number) {
  const work = path.join(ROOT, String(size));
  rmSync(work, { recursive: true, force: true });
  const dirA = path.join(work, 'a');
  const dirB = path.join(work, 'b');
  const folder = path.join(work, 'folder');
  mkdirSync(folder, { recursive: true });
  buildArchive(dirA, size);
  const a = await Archive.open(dirA);
  const b = await Archive.open(dirB);
  const target = new FolderTarget(folder);
  const figures: Record<string, number> = { items: size };

  let t = performance.now();
  const first = await syncRound(a, target);
  figures.firstSyncToEmptyFolderMs = Math.round(performance.now() - t);
  figures.firstSyncBytes = first.published.bytes;

  t = performance.now();
  await syncRound(b, target);
  figures.firstSyncOfNewMachineMs = Math.round(performance.now() - t);
  if (b.data.items.length !== size) throw new Error(`the new machine got ${b.data.items.length} items, not ${size}`);

  const idle: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await syncRound(a, target);
    if (r.published.operations || r.received.segments) throw new Error('an idle round did something');
    idle.push(r.ms);
  }
  figures.idleRoundMs = median(idle);

  // 1,000 changes: 500 tag edits and 500 title edits on A.
  for (let i = 0; i < 500; i++) tagItem(a, a.data.items[i].id, ['synced-bench']);
  for (let i = 500; i < 1000; i++) updateItem(a, a.data.items[i].id, { title: `Edited title ${i}` });
  await a.durable();
  let r = await syncRound(a, target);
  figures.thousandChangesSendMs = r.ms;
  figures.thousandChangesOps = r.published.operations;
  figures.thousandChangesBytes = r.published.bytes;
  // The longest the event loop is held during that round: how long a search asked meanwhile
  // (the app's host answers searches on the same loop) waits at most.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  r = await syncRound(b, target);
  loop.disable();
  figures.thousandChangesReceiveMs = r.ms;
  figures.thousandChangesReceiveLongestBlockMs = Math.round(loop.max / 1e6);
  if (b.item(a.data.items[999].id).title !== 'Edited title 999') throw new Error('the edits did not arrive');

  // One tag edit: what one round writes for it to the target (the segment and the device's
  // state file) and locally (one line of the sync state's log).
  tagItem(a, a.data.items[5000 % size].id, ['Europe']);
  await a.durable();
  const logBefore = statSync(path.join(dirA, 'sync', 'log'), { throwIfNoEntry: false })?.size ?? 0;
  r = await syncRound(a, target);
  figures.bytesPerTagEdit = r.published.bytes;
  figures.opsPerTagEdit = r.published.operations;
  figures.localLogBytesPerTagEdit =
    (statSync(path.join(dirA, 'sync', 'log'), { throwIfNoEntry: false })?.size ?? 0) - logBefore;

  // A round in a fresh process (the CLI): the sync state is read back and everything compared.
  await a.close();
  const reopened = await Archive.open(dirA);
  t = performance.now();
  await syncRound(reopened, target);
  figures.idleRoundFreshProcessMs = Math.round(performance.now() - t);
  await reopened.close();

  await b.close();
  rmSync(work, { recursive: true, force: true });
  return figures;
}

if (!bbcAvailable()) {
  console.log('sync benchmark skipped: ../shared/corpora/news/bbc.jsonl is missing');
} else {
  const results: Record<string, Record<string, number>> = {};
  for (const size of SIZES) {
    results[size] = await measure(size);
    console.log(JSON.stringify(results[size]));
  }
  writeFileSync(
    path.join(here, 'sync-results.json'),
    `${JSON.stringify({ measured: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

// Import throughput probe: N benchmark articles written as files (.txt, or .html news pages
// that go through Readability) imported with one `import.paths` call through dispatch() (as
// `dossier import` does) into an empty archive or one pre-filled with P articles; the clock
// stops once the call answered (it answers only when the items are on disk). One JSON line.
//   node --import tsx bench/import-probe.ts [N=2000] [P=0] [txt|html]
// Pre-filled archives are built once (corpus-archive.ts, index included) under
// $TMPDIR/dossier-import-probe/ and copied for each run.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { Archive } from '../archive/core/archive';
import { dispatch } from '../archive/api/dispatch';
import { importPool } from '../archive/flows/import-pool';
import { bbcAvailable, makeCorpus, type BenchDoc } from './corpus';
import { writeCorpusArchive } from './corpus-archive';

const N = Number(process.argv[2] ?? 2000);
const PREFILL = Number(process.argv[3] ?? 0);
const KIND = (process.argv[4] ?? 'txt') as 'txt' | 'html';
const ROOT = path.join(os.tmpdir(), 'dossier-import-probe');
/** Articles for the import come after every prefill size, so they never duplicate one. */
const IMPORT_FROM = 60_000;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(d: BenchDoc, i: number): string {
  const paras = d.body
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)} - ${d.source}</title>
<link rel="canonical" href="https://news.example/probe/${i}"><meta property="og:title" content="${escapeHtml(d.title)}">
<meta name="author" content="Staff reporter"><meta property="article:published_time" content="${d.published}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${escapeHtml(d.title)}</h1><p class="byline">By Staff reporter</p>${paras}</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></aside><footer>© News</footer></body></html>`;
}

/** CPU seconds per thread of this process, by thread name (Linux: /proc/self/task; elsewhere empty). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
      out.set(`${name}#${tid}`, seconds);
    }
  } catch {
    // not Linux
  }
  return out;
}

/** CPU seconds spent between two readings by each thread that spent some (main, import workers, libuv's pool). */
function cpuSince(before: Map<string, number>): Record<string, number> {
  const spent: Array<[string, number]> = [];
  for (const [key, seconds] of threadCpu()) {
    const used = seconds - (before.get(key) ?? 0);
    if (used >= 0.05) spent.push([key, +used.toFixed(2)]);
  }
  return Object.fromEntries(spent.sort((a, b) => b[1] - a[1]));
}

function corpus(size: number): BenchDoc[] {
  const file = path.join(ROOT, `corpus-${size}.jsonl`);
  if (existsSync(file))
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BenchDoc);
  const docs = makeCorpus(size);
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n'));
  return docs;
}

async function prefilled(size: number, docs: BenchDoc[]): Promise<string> {
  const dir = path.join(ROOT, `prefill-${size}`);
  if (existsSync(path.join(dir, 'ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  writeCorpusArchive(path.join(dir, 'archive'), docs.slice(0, size));
  const archive = await Archive.open(path.join(dir, 'archive'));
  await archive.index.flush();
  await archive.close();
  writeFileSync(path.join(dir, 'ready'), 'ok');
  return dir;
}

async function main(): Promise<void> {
  if (!bbcAvailable()) return console.log('skipped: ../shared/corpora/news/bbc.jsonl is not here');
  mkdirSync(ROOT, { recursive: true });
  const docs = corpus(IMPORT_FROM + N);
  const run = path.join(ROOT, `run-${process.pid}`);
  rmSync(run, { recursive: true, force: true });
  const files = path.join(run, 'files');
  mkdirSync(files, { recursive: true });
  const paths = docs.slice(IMPORT_FROM, IMPORT_FROM + N).map((d, i) => {
    const file = path.join(files, `${String(i).padStart(6, '0')}.${KIND}`);
    writeFileSync(file, KIND === 'txt' ? `${d.title}\n\n${d.body}\n` : page(d, i));
    return file;
  });
  const archiveDir = path.join(run, 'archive');
  if (PREFILL > 0) cpSync(path.join(await prefilled(PREFILL, docs), 'archive'), archiveDir, { recursive: true });
  const archive = await Archive.open(archiveDir);
  await archive.index.flush();
  const before = archive.data.items.length;
  // The import workers start (and load jsdom) before the clock: a fixed cost, reported apart.
  const warming = performance.now();
  await importPool.parseFile({
    name: 'warm.txt',
    bytes: new TextEncoder().encode('A short text that starts the import worker.'),
  });
  const workerStartS = (performance.now() - warming) / 1000;
  // PROBE_PROFILE=file: a CPU profile of this thread during the import call alone.
  const session = process.env.PROBE_PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const threads = threadCpu();
  const started = performance.now();
  const outcome = await dispatch(archive, 'import.paths', { paths }, { trusted: true });
  const seconds = (performance.now() - started) / 1000;
  const cpuByThread = cpuSince(threads);
  const cpuS = (() => {
    const c = process.cpuUsage(cpu);
    return (c.user + c.system) / 1e6;
  })();
  if (session)
    writeFileSync(process.env.PROBE_PROFILE as string, JSON.stringify((await session.post('Profiler.stop')).profile));
  if (!outcome.ok) throw new Error(outcome.error.message);
  const afterIndex = performance.now();
  await archive.index.flush();
  const indexFlushS = (performance.now() - afterIndex) / 1000;
  const items = archive.data.items.length;
  await archive.close();
  // Reopened, the archive holds every imported item (the call answered once they were on disk).
  const again = await Archive.open(archiveDir, { readOnly: true });
  const reopened = again.data.items.length;
  await again.close();
  rmSync(run, { recursive: true, force: true });
  const { imported, skipped } = outcome.value;
  console.log(
    JSON.stringify({
      kind: KIND,
      files: N,
      prefill: before,
      imported: imported.length,
      skipped: skipped.length,
      firstSkip: skipped[0]?.reason,
      seconds: +seconds.toFixed(2),
      itemsPerS: +(N / seconds).toFixed(1),
      processCpuS: +cpuS.toFixed(2),
      workerStartS: +workerStartS.toFixed(2),
      cpuByThread,
      indexFlushS: +indexFlushS.toFixed(2),
      workers: importPool.workers,
      itemsAfter: items,
      reopened,
      load: os.loadavg().map((l) => +l.toFixed(2)),
    }),
  );
}

await main();

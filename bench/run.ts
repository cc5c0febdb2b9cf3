// `npm run bench`: builds the 1k/10k/50k corpora (cached in the OS temp folder, never in
// the repo), runs Dossier and its peers through the same phases in fresh processes, prints
// one table with Dossier/peer ratios and writes bench/results.json.
// BENCH_SIZES=1000,10000 and BENCH_ENGINES=dossier,sqlite narrow a run; naive lunr is
// skipped at 50k (a 200 s, 3 GB build) unless BENCH_NAIVE_50K=1.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbcAvailable, BBC, makeCorpus } from './corpus';
import { cliBench, cliTable } from './cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS_VERSION = 2;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'dossier,lunr,minisearch,flexsearch,sqlite').split(',');
const LABEL: Record<string, string> = { dossier: 'Dossier', lunr: 'naive lunr', minisearch: 'MiniSearch', flexsearch: 'FlexSearch', sqlite: 'SQLite FTS5' };
const ROOT = path.join(os.tmpdir(), 'dossier-bench');
/** BENCH_PARTS=search,storage,import,cli (the default runs them all). */
const PARTS = (process.env.BENCH_PARTS ?? 'search,storage,import,cli').split(',');

type Figures = Record<string, number | string | object>;

function prepare(size: number): string {
  const dir = path.join(ROOT, String(size));
  const stamp = path.join(dir, 'corpus.version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === String(CORPUS_VERSION)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  const docs = makeCorpus(size);
  writeFileSync(path.join(dir, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  writeFileSync(path.join(dir, 'metas.json'), JSON.stringify(docs.map(({ body: _b, ...m }) => m)));
  for (const d of docs) writeFileSync(path.join(dir, 'content', `${d.id}.txt`), d.body);
  writeFileSync(stamp, String(CORPUS_VERSION));
  return dir;
}

function child(phase: string, engine: string, dir: string): Figures {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'child.ts'), phase, engine, dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60 * 1000,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Figures;
  } catch {
    return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  }
}

const ROWS: Array<{ key: string; label: string; digits: number; lowerIsBetter: boolean }> = [
  { key: 'buildS', label: 'bulk build (s)', digits: 1, lowerIsBetter: true },
  { key: 'stallMs', label: 'longest stall during build (ms)', digits: 0, lowerIsBetter: true },
  { key: 'peakRssMB', label: 'build peak RSS (MB)', digits: 0, lowerIsBetter: true },
  { key: 'indexMB', label: 'index on disk (MB)', digits: 1, lowerIsBetter: true },
  { key: 'coldMs', label: 'cold open → first answer (ms)', digits: 0, lowerIsBetter: true },
  { key: 'p50', label: 'query p50 (ms)', digits: 2, lowerIsBetter: true },
  { key: 'p95', label: 'query p95 (ms)', digits: 2, lowerIsBetter: true },
  { key: 'newArticleMs', label: 'new article searchable (ms)', digits: 1, lowerIsBetter: true },
  { key: 'heapAfterLoadMB', label: 'heap after load (MB)', digits: 0, lowerIsBetter: true },
];

function fmt(v: unknown, digits: number): string {
  return typeof v === 'number' ? v.toFixed(digits) : '—';
}

function table(results: Record<string, Record<string, Figures>>): string {
  const head = ['size', 'figure', ...ENGINES.map((e) => LABEL[e] + (e === 'dossier' ? '' : ' (D/peer)'))];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const size of Object.keys(results)) {
    for (const row of ROWS) {
      const d = results[size].dossier?.[row.key];
      const cells = ENGINES.map((e) => {
        const v = results[size][e]?.[row.key];
        if (typeof v !== 'number') return results[size][e]?.skipped ? 'skipped' : '—';
        if (e === 'dossier' || typeof d !== 'number' || v === 0) return fmt(v, row.digits);
        return `${fmt(v, row.digits)} (${(d / v).toFixed(2)}×)`;
      });
      lines.push(`| ${Number(size) / 1000}k | ${row.label} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function targets(results: Record<string, Record<string, Figures>>): string[] {
  const out: string[] = [];
  const check = (size: string, key: string, max: number, label: string) => {
    const v = results[size]?.dossier?.[key];
    if (typeof v === 'number') out.push(`${Number(size) / 1000}k ${label}: ${v.toFixed(2)} (target ≤ ${max}) ${v <= max ? 'ok' : 'MISSED'}`);
  };
  check('10000', 'p95', 5, 'query p95 ms');
  check('10000', 'p50', 1, 'query p50 ms');
  check('10000', 'coldMs', 500, 'cold open → first answer ms');
  check('10000', 'newArticleMs', 50, 'new article ms');
  check('10000', 'buildS', 12, 'bulk build s');
  check('10000', 'heapAfterLoadMB', 150, 'heap after load MB');
  check('50000', 'p95', 15, 'query p95 ms');
  check('50000', 'newArticleMs', 100, 'new article ms');
  const b50 = results['50000']?.dossier;
  if (b50) out.push(`50k build within default heap: ${typeof b50.buildS === 'number' ? 'ok' : 'FAILED ' + String(b50.error ?? '')}`);
  return out;
}

function storageChild(size: number): Figures {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'storage.ts'), prepare(size), path.join(ROOT, `storage-${size}`)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30 * 60 * 1000,
  });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Figures;
  } catch {
    return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  }
}

const num = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** Import throughput as the archive grows: items/s for each 10,000 articles. */
function importTable(f: Figures): string {
  if (f.error) return `error: ${String(f.error)}`;
  const rows = (f.perTenK as Array<{ upTo: number; itemsPerS: number }>).map((p) => `| up to ${p.upTo.toLocaleString('en')} | ${p.itemsPerS.toFixed(0)} |`);
  return [
    '| archive size | text articles imported per second |',
    '|---|---|',
    ...rows,
    '',
    `Overall ${num(f.itemsPerS, 0)} items/s (${num(f.totalS, 0)} s for ${String(f.files)} files); the last 10k at ${num(Number(f.lastToFirst) * 100, 0)}% of the first (goal ≥ 80%, and ≥ 400 items/s); peak RSS ${num(f.peakRssMB, 0)} MB.`,
  ].join('\n');
}

/** The storage table: the journal against rewriting dossier.json per edit, per size. */
function storageTable(results: Record<string, Figures>): string {
  const lines = ['| size | figure | journal | whole-file rewrite | goal |', '|---|---|---|---|---|'];
  for (const [size, f] of Object.entries(results)) {
    const k = `${Number(size) / 1000}k`;
    if (f.error) {
      lines.push(`| ${k} | error | ${String(f.error)} | | |`);
      continue;
    }
    lines.push(`| ${k} | one tag edit durable, p50 (ms) | ${num(f.journalP50, 2)} | ${num(f.rewriteP50, 1)} | |`);
    lines.push(`| ${k} | one tag edit durable, p95 (ms) | ${num(f.journalP95, 2)} | ${num(f.rewriteP95, 1)} | ≤ 10 |`);
    lines.push(`| ${k} | longest event-loop block during edits (ms) | ${num(f.journalBlockMs, 1)} | ${num(f.rewriteBlockMs, 1)} | ≤ 2 |`);
    lines.push(`| ${k} | 1,000 concurrent edits through the API (edits/s) | ${num(f.journalEditsPerS, 0)} | ${num(f.rewriteEditsPerS, 0)} | ≥ 2,000 |`);
    lines.push(`| ${k} | open: metadata and journal (ms) | ${num(f.openStoreMs, 0)} | | ≤ 1,000 at 50k |`);
    lines.push(`| ${k} | open again, replaying the session's journal (ms) | ${num(f.reopenStoreMs, 0)} | | |`);
    lines.push(`| ${k} | open with the search index (ms) | ${num(f.openArchiveMs, 0)} | | |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!bbcAvailable()) {
    console.log(`skipped: ${BBC} is missing`);
    return;
  }
  let growth: Figures | null = null;
  if (PARTS.includes('import')) {
    const size = Math.max(...SIZES);
    process.stderr.write(`import into a growing archive, up to ${size}… `);
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-growth.ts'), prepare(size), path.join(ROOT, 'import-growth'), String(size)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60 * 60 * 1000,
    });
    try {
      growth = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Figures;
      process.stderr.write('done\n');
    } catch {
      growth = { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
      process.stderr.write(`error: ${String(growth.error)}\n`);
    }
    console.log(`\nImport through the product's path into a growing archive (load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    console.log(importTable(growth));
  }
  if (PARTS.includes('cli')) {
    process.stderr.write('cli… ');
    const cli = await cliBench(prepare, ROOT);
    process.stderr.write(cli.error ? `error: ${String(cli.error)}\n` : 'done\n');
    console.log(`\nDossier CLI benchmark (${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    console.log(cliTable(cli));
    writeFileSync(path.join(here, 'cli-results.json'), JSON.stringify({ date: new Date().toISOString(), table: cliTable(cli), cli }, null, 2) + '\n');
  }
  const storage: Record<string, Figures> = {};
  if (PARTS.includes('storage')) {
    for (const size of SIZES.filter((s) => s >= 10_000)) {
      process.stderr.write(`${size} storage… `);
      storage[size] = storageChild(size);
      process.stderr.write(storage[size].error ? `error: ${String(storage[size].error)}\n` : 'done\n');
    }
    console.log(`\nDossier storage benchmark (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    console.log(storageTable(storage));
  }
  if (!PARTS.includes('search')) {
    writeFileSync(path.join(here, 'storage-results.json'), JSON.stringify({ date: new Date().toISOString(), table: storageTable(storage), storage, growth }, null, 2) + '\n');
    return;
  }
  const results: Record<string, Record<string, Figures>> = {};
  for (const size of SIZES) {
    const dir = prepare(size);
    results[size] = {};
    for (const engine of ENGINES) {
      if (engine === 'lunr' && size > 10_000 && process.env.BENCH_NAIVE_50K !== '1') {
        results[size][engine] = { skipped: 'naive lunr at 50k takes ~200 s and ~3 GB to build (see issue 3); BENCH_NAIVE_50K=1 runs it' };
        continue;
      }
      process.stderr.write(`${size} ${engine}: build… `);
      const b = child('build', engine, dir);
      const r = b.error ? {} : child('run', engine, dir);
      const fig: Figures = { ...b, ...r };
      if (typeof b.buildMs === 'number') fig.buildS = b.buildMs / 1000;
      results[size][engine] = fig;
      process.stderr.write(b.error || r.error ? `error: ${String(b.error ?? r.error)}\n` : `done\n`);
    }
  }
  const text = table(results);
  console.log(`\nDossier search benchmark (${os.cpus().length} cores, Node ${process.version})\n`);
  console.log(text);
  console.log('');
  for (const t of targets(results)) console.log(t);
  writeFileSync(
    path.join(here, 'results.json'),
    JSON.stringify(
      { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, table: text, targets: targets(results), results, storageTable: storageTable(storage), storage },
      null,
      2,
    ) + '\n',
  );
}

await main();

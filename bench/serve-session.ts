// The memory of the built `dossier serve` through a session as a browser drives it (issue
// 13: ≤ 300 MB RSS at 50k): the real command in its own process over a corpus archive
// (bench/bench-archive.ts), driven over its HTTP API with the page's token, its RSS read
// from /proc every 50 ms. The session: the query mix with 50 hits and snippets, 300 edits
// (tags and notes, each answered once durable), 2,000 articles uploaded in batches of 100
// as the page's import does, the query mix again, related items, and closing (the peak
// counts it: the server persists the index and writes the catalog). Linux only (/proc).
//
//   node --import tsx bench/serve-session.ts [size] [corpus dir] [work dir]
//   (or BENCH_PARTS=serve npm run bench, which prepares the corpus: 50k, BENCH_SERVE_SIZE)

import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorpus } from './corpus';
import { prepareBenchArchive } from './bench-archive';
import { QUERIES } from './queries';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/dossier.mjs');
const size = Number(process.argv[2] ?? 50000);
const benchDir = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'dossier-bench');
const corpusDir = process.argv[3] ?? path.join(benchDir, String(size));
const workDir = process.argv[4] ?? path.join(benchDir, `cli-${size}`);
const GOAL_MB = 300;

const rssMB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

async function main(): Promise<void> {
  const cached = await prepareBenchArchive(corpusDir, workDir);
  const dir = path.join(os.tmpdir(), `dossier-serve-session-${size}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(cached, dir, { recursive: true });

  // Started as a user starts it, the command itself (its first line sets how it runs).
  const server = spawn(BIN, ['serve', '--archive', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) resolve(new URL(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`dossier serve exited ${code}`)));
  });
  const pid = server.pid!;
  const token = url.searchParams.get('token')!;
  let peak = 0;
  const samples: Record<string, number> = {};
  const sampler = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 50);
  const mark = (name: string) => {
    const now = rssMB(pid);
    peak = Math.max(peak, now);
    samples[name] = Math.round(now);
  };

  const call = async (method: string, args: unknown): Promise<unknown> => {
    const res = await fetch(new URL(`/api/${method}`, url.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dossier-token': token, origin: url.origin },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body.value;
  };

  const t0 = performance.now();
  await call('items.list', { limit: 50 });
  const firstListMs = performance.now() - t0;
  mark('afterOpen');
  for (let round = 0; round < 3; round++) for (const q of QUERIES) await call('search.query', { q: q.text, limit: 50 });
  mark('afterQueries');
  const { items } = (await call('items.list', { limit: 400 })) as { items: Array<{ id: string }> };
  for (let k = 0; k < 300; k++) {
    const id = items[k % items.length].id;
    await call('tags.add', { id, tags: [`session${k % 7}`] });
    if (k % 3 === 0) await call('notes.create', { itemId: id, text: `A note written in the session, number ${k}.` });
    if (k % 10 === 0) await call('search.query', { q: QUERIES[k % QUERIES.length].text, limit: 50 });
  }
  mark('afterEdits');
  const corpus = makeCorpus(2000, 23);
  for (let i = 0; i < corpus.length; i += 100) {
    const files = corpus.slice(i, i + 100).map((d, k) => ({
      name: `session-${i + k}.txt`,
      data: Buffer.from(`${d.title}\n\n${d.body}`).toString('base64'),
    }));
    await call('import.files', { files });
  }
  mark('afterImport');
  for (const q of QUERIES) await call('search.query', { q: q.text, limit: 50 });
  for (let k = 0; k < 20; k++) await call('search.related', { id: items[k * 7].id, limit: 8 });
  mark('end');
  // The session's sampler reads /proc unguarded, so it stops while the server still runs.
  clearInterval(sampler);
  // Closing is part of the session: the server persists the index and writes the catalog.
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  let closing = 0;
  const closeSampler = setInterval(() => {
    try {
      closing = Math.max(closing, rssMB(pid));
    } catch {
      // gone between two samples
    }
  }, 20);
  await exited;
  clearInterval(closeSampler);
  rmSync(dir, { recursive: true, force: true });

  const result = {
    size,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    firstListMs: Math.round(firstListMs),
    rssMB: { ...samples, closing: Math.round(closing) },
    sessionPeakRssMB: Math.round(peak),
    peakRssMB: Math.round(Math.max(peak, closing)),
    goalMB: GOAL_MB,
    pass: Math.max(peak, closing) <= GOAL_MB,
  };
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

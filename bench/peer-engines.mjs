#!/usr/bin/env node
// Installs the benchmark's peer engines (better-sqlite3, FlexSearch, MiniSearch) into
// bench/node_modules the first time `npm run bench` needs them, from bench/package-lock.json,
// so that installing the app never compiles SQLite. Runs before bench/run.ts; does nothing
// when they are there or when BENCH_ENGINES names none of them.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = path.dirname(fileURLToPath(import.meta.url));
const PEERS = { minisearch: 'minisearch', flexsearch: 'flexsearch', sqlite: 'better-sqlite3' };
const parts = (process.env.BENCH_PARTS ?? 'search').split(',');
const engines = (process.env.BENCH_ENGINES ?? Object.keys(PEERS).join(',')).split(',');
const wanted = parts.includes('search') ? engines.filter((e) => e in PEERS).map((e) => PEERS[e]) : [];
const missing = wanted.filter((pkg) => !existsSync(path.join(bench, 'node_modules', pkg, 'package.json')));

if (missing.length > 0) {
  console.log(`bench: installing the peer engines into bench/node_modules (${missing.join(', ')} missing)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--prefix', bench, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(
      'bench: could not install the peer engines; `BENCH_ENGINES=dossier,lunr npm run bench` runs without them',
    );
    process.exit(1);
  }
}

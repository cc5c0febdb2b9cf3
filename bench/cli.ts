// The CLI section of `npm run bench` (BENCH_PARTS=cli): wall-clock times of the built
// `dossier` command as a user runs it, against `node -e 0` in the same run (their ratio is
// the figure that travels between machines): --help; a search on a 10k and a 50k archive
// with nothing else holding them (the cold path: reading the archive's metadata, opening the
// index, answering); and a search and a tag edit forwarded to a running archive host (the
// desktop app's host process). Runs are interleaved so every variant sees the same load,
// and the machine's load average is recorded with the figures. The client's own CPU time is
// reported beside the wall clock: on a shared machine it moves far less than wall time does
// (a forwarded call's work is the host's, not counted there).

import { spawnSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { HOST_NODE_FLAGS, hostProcessEnv } from '../archive/host/host-env';
import { Archive } from '../archive/core/archive';
import { HostLink } from '../archive/host/host-link';
import type { HostMessage } from '../archive/host/protocol';
import { prepareBenchArchive } from './bench-archive';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/dossier.mjs');
const HOST = path.join(root, 'out/cli/host-process.mjs');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);
/** Archive sizes searched cold; the first is also the one the host holds in the forwarded phase. */
const SIZES = (process.env.BENCH_CLI_SIZES ?? '10000,50000').split(',').map(Number);

export type CliFigures = Record<string, number | string>;

/** Goals from the issues, in ms on a machine where `node -e 0` takes 100 ms; the ratio is
 *  the goal. A size without a goal of its own is reported without one. */
const GOALS: Record<string, { label: string; ms: number | null }> = {
  help: { label: '`dossier --help`', ms: 150 },
  search10000: { label: '`dossier search` on a 10k archive, nothing else holding it', ms: 300 },
  search50000: { label: '`dossier search` on a 50k archive, nothing else holding it', ms: null },
  search100000: {
    label: '`dossier search` on a 100k archive, nothing else holding it (issue 13: cold open ≤ 600 ms)',
    ms: 600,
  },
  forwardedSearch: { label: '`dossier search` forwarded to a running host', ms: 150 },
  forwardedTag: { label: '`dossier tag` forwarded to a running host (durable)', ms: 150 },
};
const goalOf = (key: string) => GOALS[key] ?? { label: `\`dossier ${key}\``, ms: null };
const REFERENCE_NODE_MS = 100;

const CPU_REPORTER = pathToFileURL(path.join(root, 'bench/cpu-report.mjs')).href;
const cpuFile = path.join(os.tmpdir(), `dossier-cli-bench-cpu-${process.pid}`);

/** Runs `node args` once: its wall-clock ms, and the CPU ms the process reported. */
function timed(args: string[]): { wall: number; cpu: number } {
  rmSync(cpuFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...HOST_NODE_FLAGS, '--import', CPU_REPORTER, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // As the `dossier` command starts (its first line sets the host's environment).
    env: { ...hostProcessEnv(), DOSSIER_CPU_REPORT: cpuFile },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8').trim()) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * The benchmark archive of `size` items, brought up to this Dossier first: a cached folder
 * may hold an index of another format (a cold search would then rebuild it in memory on
 * every run) or a snapshot written before seals. A writable open catches both up, once.
 */
async function readyArchive(corpusDir: string, workDir: string): Promise<string> {
  const dir = await prepareBenchArchive(corpusDir, workDir);
  const archive = await Archive.open(dir);
  try {
    await archive.index.flush();
  } finally {
    await archive.close();
  }
  return dir;
}

/** `corpusFor(size)`: the folder of the benchmark corpus of that many documents. */
export async function cliBench(corpusFor: (size: number) => string, rootDir: string): Promise<CliFigures> {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs'), '--quiet'], {
    encoding: 'utf8',
  });
  if (build.status !== 0) return { error: `building the CLI failed: ${build.stderr.trim()}` };
  const archives = new Map<number, string>();
  for (const size of SIZES) archives.set(size, await readyArchive(corpusFor(size), path.join(rootDir, `cli-${size}`)));
  const archive = archives.get(SIZES[0])!;
  const loadBefore = loadNow();
  // `node -e 0` runs in each phase: the forwarded phase shares the machine with the host.
  const times: Record<string, Array<{ wall: number; cpu: number }>> = {
    node: [],
    nodeHosted: [],
    help: [],
    forwardedSearch: [],
    forwardedTag: [],
  };
  const searchOf = (dir: string) => [BIN, 'search', 'economy growth', '--archive', dir];
  const search = searchOf(archive);
  for (const size of SIZES) times[`search${size}`] = [];

  for (let i = 0; i < ROUNDS; i++) {
    times.node.push(timed(['-e', '0']));
    times.help.push(timed([BIN, '--help']));
    for (const [size, dir] of archives) times[`search${size}`].push(timed(searchOf(dir)));
  }

  const child = fork(HOST, [archive], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [...HOST_NODE_FLAGS],
    env: hostProcessEnv(),
  });
  const link = new HostLink({
    post: (message) => void (child.connected && child.send(message, () => undefined)),
    onMessage: (listener) => void child.on('message', (m) => listener(m as HostMessage)),
  });
  child.on('exit', () => link.gone());
  const start = await link.started;
  if (!start.ok) return { error: `the host did not start: ${start.error.message}` };
  try {
    // The host takes a backup when it opens: let that settle, as in an app that has been open a while.
    await link.call('backups.list', {}, { trusted: true });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    timed(search);
    const id = '0000000000000001';
    for (let i = 0; i < ROUNDS; i++) {
      times.nodeHosted.push(timed(['-e', '0']));
      times.forwardedSearch.push(timed(search));
      times.forwardedTag.push(timed([BIN, i % 2 ? 'untag' : 'tag', id, 'bench-cli', '--archive', archive]));
    }
  } finally {
    await link.close();
  }

  const wall = (key: string) => median(times[key].map((t) => t.wall));
  const cpu = (key: string) => median(times[key].map((t) => t.cpu));
  const figures: CliFigures = {
    rounds: ROUNDS,
    loadBefore,
    loadAfter: loadNow(),
    nodeMs: wall('node'),
    nodeCpuMs: cpu('node'),
    nodeHostedMs: wall('nodeHosted'),
  };
  const keys = ['help', ...SIZES.map((size) => `search${size}`), 'forwardedSearch', 'forwardedTag'];
  for (const key of keys) {
    const base = key.startsWith('forwarded') ? 'nodeHosted' : 'node';
    figures[`${key}Ms`] = wall(key);
    figures[`${key}Ratio`] = wall(key) / wall(base);
    figures[`${key}CpuMs`] = cpu(key);
  }
  figures.rows = keys.join(',');
  return figures;
}

/** The CLI table: median ms, the ratio to `node -e 0`, and the goal as a ratio. */
export function cliTable(f: CliFigures): string {
  if (f.error) return `CLI benchmark error: ${String(f.error)}`;
  const lines = [
    `Median of ${f.rounds} runs each, interleaved; load average ${String(f.loadBefore)} before, ${String(f.loadAfter)} after.`,
    `\`node -e 0\`: ${Number(f.nodeMs).toFixed(0)} ms (${Number(f.nodeHostedMs).toFixed(0)} ms while the host runs), ${Number(f.nodeCpuMs).toFixed(0)} ms of CPU.`,
    '',
    '| command | ms | × `node -e 0` | goal (× `node -e 0`) | | client CPU ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const key of String(f.rows).split(',')) {
    const goal = goalOf(key);
    const ratio = Number(f[`${key}Ratio`]);
    const target = goal.ms === null ? null : goal.ms / REFERENCE_NODE_MS;
    const verdict = target === null ? '' : ratio <= target ? 'ok' : 'MISSED';
    const goalCell = target === null ? '—' : `≤ ${target.toFixed(1)} (${goal.ms} ms)`;
    lines.push(
      `| ${goal.label} | ${Number(f[`${key}Ms`]).toFixed(0)} | ${ratio.toFixed(2)} | ${goalCell} | ${verdict} | ${Number(f[`${key}CpuMs`]).toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

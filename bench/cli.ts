// The CLI section of `npm run bench` (BENCH_PARTS=cli): wall-clock times of the built
// `dossier` command as a user runs it, against `node -e 0` in the same run (their ratio is
// the figure that travels between machines): --help; a search on a 10k archive with nothing
// else holding it; and a search and a tag edit forwarded to a running archive host (the
// desktop app's host process). Runs are interleaved so every variant sees the same load.
// The client's own CPU time is reported beside the wall clock: on a shared machine it moves
// far less than wall time does (a forwarded call's work is the host's, not counted there).

import { spawnSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { HostLink } from '../archive/host/host-link';
import type { HostMessage } from '../archive/host/protocol';
import { prepareBenchArchive } from './bench-archive';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin/dossier.mjs');
const HOST = path.join(root, 'out/cli/host-process.mjs');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15);

export type CliFigures = Record<string, number | string>;

/** Goals from the issue, in ms on a machine where `node -e 0` takes 100 ms; the ratio is the goal. */
export const CLI_GOALS: Record<string, { label: string; ms: number }> = {
  help: { label: '`dossier --help`', ms: 150 },
  search: { label: '`dossier search` on a 10k archive, nothing else holding it', ms: 300 },
  forwardedSearch: { label: '`dossier search` forwarded to a running host', ms: 150 },
  forwardedTag: { label: '`dossier tag` forwarded to a running host (durable)', ms: 150 },
};
const REFERENCE_NODE_MS = 100;

const CPU_REPORTER = pathToFileURL(path.join(root, 'bench/cpu-report.mjs')).href;
const cpuFile = path.join(os.tmpdir(), `dossier-cli-bench-cpu-${process.pid}`);

/** Runs `node args` once: its wall-clock ms, and the CPU ms the process reported. */
function timed(args: string[]): { wall: number; cpu: number } {
  rmSync(cpuFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', CPU_REPORTER, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOSSIER_CPU_REPORT: cpuFile },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
  return { wall, cpu: Number(readFileSync(cpuFile, 'utf8').trim()) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function cliBench(corpusDir: string, workDir: string): Promise<CliFigures> {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  if (build.status !== 0) return { error: `building the CLI failed: ${build.stderr.trim()}` };
  const archive = await prepareBenchArchive(corpusDir, workDir);
  // `node -e 0` runs in each phase: the forwarded phase shares the machine with the host.
  const times: Record<string, Array<{ wall: number; cpu: number }>> = { node: [], nodeHosted: [], help: [], search: [], forwardedSearch: [], forwardedTag: [] };
  const search = [BIN, 'search', 'economy growth', '--archive', archive];

  for (let i = 0; i < ROUNDS; i++) {
    times.node.push(timed(['-e', '0']));
    times.help.push(timed([BIN, '--help']));
    times.search.push(timed(search));
  }

  const child = fork(HOST, [archive], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
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
  const figures: CliFigures = { rounds: ROUNDS, nodeMs: wall('node'), nodeCpuMs: cpu('node'), nodeHostedMs: wall('nodeHosted') };
  for (const key of Object.keys(CLI_GOALS)) {
    const base = key.startsWith('forwarded') ? 'nodeHosted' : 'node';
    figures[`${key}Ms`] = wall(key);
    figures[`${key}Ratio`] = wall(key) / wall(base);
    figures[`${key}CpuMs`] = cpu(key);
  }
  return figures;
}

/** The CLI table: median ms, the ratio to `node -e 0`, and the goal as a ratio. */
export function cliTable(f: CliFigures): string {
  if (f.error) return `CLI benchmark error: ${String(f.error)}`;
  const lines = [
    `Median of ${f.rounds} runs each, interleaved; \`node -e 0\`: ${Number(f.nodeMs).toFixed(0)} ms (${Number(f.nodeHostedMs).toFixed(0)} ms while the host runs), ${Number(f.nodeCpuMs).toFixed(0)} ms of CPU.`,
    '',
    '| command | ms | × `node -e 0` | goal (× `node -e 0`) | | client CPU ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const [key, goal] of Object.entries(CLI_GOALS)) {
    const ratio = Number(f[`${key}Ratio`]);
    const target = goal.ms / REFERENCE_NODE_MS;
    lines.push(
      `| ${goal.label} | ${Number(f[`${key}Ms`]).toFixed(0)} | ${ratio.toFixed(2)} | ≤ ${target.toFixed(1)} (${goal.ms} ms) | ${ratio <= target ? 'ok' : 'MISSED'} | ${Number(f[`${key}CpuMs`]).toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

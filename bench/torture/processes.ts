// Starting the real `dossier` executable and helper scripts as child processes for the
// torture run and its tests: each resolves with the exit code and output, or is killed
// with SIGKILL at a chosen moment, exactly as a crash or a power cut would stop it.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DOSSIER_BIN = fileURLToPath(new URL('../../bin/dossier.mjs', import.meta.url));
export const LOCK_HOLDER = fileURLToPath(new URL('./lock-holder.ts', import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  done: Promise<Finished>;
}

export function start(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Running {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function dossier(args: string[]): Running {
  return start([DOSSIER_BIN, ...args], { env: { DOSSIER_ARCHIVE: '' } });
}

export function lockHolder(dir: string, holdMs = 30, waitMs = 20_000): Running {
  return start(['--import', 'tsx', LOCK_HOLDER, dir, String(holdMs), String(waitMs)]);
}

/** Runs `dossier` and kills it with SIGKILL after `killAfterMs` unless it finished first. */
export async function dossierKilledAfter(args: string[], killAfterMs: number): Promise<Finished & { killed: boolean }> {
  const run = dossier(args);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), killAfterMs);
  const finished = await run.done;
  clearTimeout(timer);
  return { ...finished, killed: finished.signal === 'SIGKILL' };
}

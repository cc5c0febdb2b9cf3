// For tests: the environment and the arguments another process started with, read from
// /proc (Linux only); the environment as `NAME=value` entries. glibc parses GLIBC_TUNABLES
// in place when a process starts, writing a NUL over each `:` between tunables, so /proc
// shows `GLIBC_TUNABLES=a=1` and then `b=2` as if it were a variable of its own; such pieces
// (tunable names hold dots, variable names do not) are joined back to the variable they
// came from.

import { readFileSync } from 'node:fs';

export function environOf(pid: number): string[] {
  const out: string[] = [];
  for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const name = entry.slice(0, entry.indexOf('='));
    if (name.includes('.') && out.at(-1)?.startsWith('GLIBC_TUNABLES=')) out[out.length - 1] += `:${entry}`;
    else out.push(entry);
  }
  return out;
}

/** The arguments another process started with (its executable's first), from /proc. */
export function argsOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

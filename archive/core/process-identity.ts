// Who a process is, in a way that survives pid reuse: its pid plus the moment it started
// (Linux: the start tick in /proc/<pid>/stat) and the boot it runs in. A lock records this
// identity, so a pid reused after a crash or a reboot is never mistaken for the holder.

import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ProcessIdentity {
  pid: number;
  /** The process's start time in clock ticks since boot, where the OS tells it; else null. */
  start: string | null;
  /** This boot of this machine: Linux's boot_id, elsewhere the boot time to the minute. */
  boot: string;
  host: string;
}

function readProcStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall: starttime
  } catch {
    return null;
  }
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `boot-${Math.round((Date.now() - os.uptime() * 1000) / 60_000)}`;
  }
}

let own: ProcessIdentity | null = null;

export function ownIdentity(): ProcessIdentity {
  own ??= { pid: process.pid, start: readProcStart(process.pid), boot: readBootId(), host: os.hostname() };
  return own;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the process `who` names is certainly gone: another boot of this machine, no
 * process with its pid, or a process with its pid that started at another time. A holder on
 * another machine (a shared folder) is never judged gone.
 */
export function isGone(who: Partial<ProcessIdentity>): boolean {
  const me = ownIdentity();
  if (who.host !== undefined && who.host !== me.host) return false;
  if (who.boot !== undefined && who.boot !== me.boot) return true;
  if (typeof who.pid !== 'number' || !Number.isInteger(who.pid) || who.pid <= 0) return true;
  // Our own pid: the caller has already checked the locks this process holds, so this one
  // was left by an earlier process with the same pid (or copied from elsewhere).
  if (who.pid === me.pid) return true;
  if (!pidRuns(who.pid)) return true;
  if (who.start) {
    const start = readProcStart(who.pid);
    if (start !== null && start !== who.start) return true;
  }
  return false;
}

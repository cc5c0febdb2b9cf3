// One writer per archive folder: `.lock` holds the writer's pid. A lock left by a process
// that no longer runs is taken over; a live one makes the second writer fail politely.

import { openSync, writeSync, closeSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from './errors';

export interface ArchiveLock {
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds, so that a second open in the same process is refused too. */
const heldHere = new Set<string>();

export function acquireLock(dir: string): ArchiveLock {
  const file = path.resolve(dir, '.lock');
  if (heldHere.has(file)) throw new ArchiveError('conflict', `The archive at ${dir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
      closeSync(fd);
      heldHere.add(file);
      return {
        release() {
          if (!heldHere.delete(file)) return;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ArchiveError('io_error', `Cannot lock the archive at ${dir}: ${(error as Error).message}`);
      }
      let pid = NaN;
      try {
        pid = Number(JSON.parse(readFileSync(file, 'utf8')).pid);
      } catch {
        // An unreadable lock file is a stale one: the writer died while creating it.
      }
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
        throw new ArchiveError('conflict', `The archive at ${dir} is open in another Dossier process (pid ${pid}); close it first.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new ArchiveError('conflict', `Cannot lock the archive at ${dir}.`);
}

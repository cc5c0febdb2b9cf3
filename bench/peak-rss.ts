// This process's peak RSS in MB. On Linux it is VmHWM from /proc/self/status: the high-water
// mark of this process image alone. process.resourceUsage().maxRSS cannot be trusted in a
// child: Linux carries the parent's high-water mark over fork and exec (a child of a 300 MB
// parent reports maxRSS 304 MB at 40 MB resident), so every engine run by bench/run.ts, which
// holds the corpus, "peaked" at least at the runner's own size: 222 MB for SQLite at every
// size in one run, 117 in another. Elsewhere maxRSS is all there is.

import { readFileSync } from 'node:fs';

export function peakRssMB(): number {
  try {
    const kB = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kB) return Number(kB) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

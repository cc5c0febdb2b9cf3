// How to start one of Dossier's worker threads here: the built `.js` entry beside the bundle
// (the CLI's out/cli, Electron's out/main), else the `.ts` source through tsx (tests, dev);
// null when neither can run, and the caller does the work on its own thread.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A worker's young generation (nursery) at most, for every worker Dossier starts. V8 grows
 * the nursery of a thread that allocates fast (a build analysing thousands of items, an
 * import parsing pages) to 48 MB, most of it garbage. At 6 MB a build of 2,000 items peaked
 * 30 MB lower in `dossier serve` and a bulk build at 50,000 items took as long (31 s against
 * 29–33). An import worker held to it parsed 180 article pages (jsdom, Readability) in 37–40 s
 * against 34–37 and peaked at 506–524 MB against 645–1,287.
 */
export const WORKER_NURSERY_MB = 6;

export interface WorkerEntry {
  code: string | URL;
  eval: boolean;
}

/** `js` and `ts` are the entry's two names beside the calling module (`new URL('./x.js', import.meta.url)`). */
export function workerEntry(js: URL, ts: URL): WorkerEntry | null {
  try {
    if (existsSync(fileURLToPath(js))) return { code: js, eval: false };
    if (existsSync(fileURLToPath(ts))) {
      // Running from sources (tsx, vitest): a worker cannot load TypeScript by itself, and
      // Node 20 resolves a worker's entry before `--import tsx` hooks are ready, so a tiny
      // bootstrap loads it through tsx's API.
      const api = createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/index\.cjs$/, 'index.mjs');
      const target = JSON.stringify(ts.href);
      return {
        code: `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => m.tsImport(${target}, ${target}))`,
        eval: true,
      };
    }
  } catch {
    // Not a file URL (bundled) or no tsx: the caller works inline.
  }
  return null;
}

/** How each pool ends the workers it keeps idle (see keepsIdleWorkers). */
const idleEnders = new Set<() => void>();

/**
 * Registers how a pool ends the workers it keeps idle for its next job; they end before
 * any other worker starts (endIdleWorkers). A worker at rest still holds its heap and
 * Node's own, some 25–30 MB for an import worker, and in `dossier serve` the searches
 * right after an import start the build of what it added while the import's worker
 * waits out its idle time: two workers' memory at once, at the session's peak. Ended
 * then, the serve benchmark's session at 50,000 items peaked at 325–331 MB (356–367).
 */
export function keepsIdleWorkers(end: () => void): void {
  idleEnders.add(end);
}

/** Ends every pool's idle workers: called just before a build or a merge starts one. */
export function endIdleWorkers(): void {
  for (const end of idleEnders) end();
}

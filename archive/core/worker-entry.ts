// How to start one of Dossier's worker threads here: the built `.js` entry beside the bundle
// (the CLI's out/cli, Electron's out/main), else the `.ts` source through tsx (tests, dev);
// null when neither can run, and the caller does the work on its own thread.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

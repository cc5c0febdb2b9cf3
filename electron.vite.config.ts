// How `electron-vite build` builds the desktop app: main (ESM, out/main, with the search
// worker and the seed files beside it), the sandboxed preload (CommonJS, out/preload/index.cjs)
// and the renderer (renderer/vite.config.ts, out/renderer). Needs no Electron binary.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';

const root = path.dirname(fileURLToPath(import.meta.url));
const SEED_DIR = path.join(root, 'archive/seed');

/**
 * Emits the seed files (archive/seed/*, not code) beside the main bundle: seed.ts reads
 * them relative to its own module, which is out/main/index.js once bundled.
 */
function emitSeedFiles(): Plugin {
  return {
    name: 'dossier:emit-seed-files',
    apply: 'build',
    generateBundle() {
      for (const name of readdirSync(SEED_DIR)) {
        if (/\.[cm]?[jt]s$/.test(name)) continue;
        this.emitFile({ type: 'asset', fileName: name, source: readFileSync(path.join(SEED_DIR, name)) });
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [emitSeedFiles()],
    build: {
      outDir: path.join(root, 'out/main'),
      rolldownOptions: {
        // The worker is its own entry: worker-pool.ts starts ./worker.js beside the bundle.
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          worker: path.join(root, 'archive/search/worker.ts'),
        },
        // Every chunk beside index.js, so `new URL('./x', import.meta.url)` means out/main/x.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // A sandboxed preload cannot require anything but electron: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      outDir: path.join(root, 'out/renderer'),
      rolldownOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});

// How `electron-vite build` builds the desktop app: main (ESM, out/main, with the search
// worker, the import worker, the archive host process and the seed files beside it), the sandboxed preload (CommonJS, out/preload/index.cjs)
// and the renderer (renderer/vite.config.ts, out/renderer). Needs no Electron binary.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type MainViteConfig, type PreloadViteConfig, type RendererViteConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';

const root = path.dirname(fileURLToPath(import.meta.url));
const SEED_DIR = path.join(root, 'archive/seed');
// For electron/main/bundle.test.ts: build elsewhere than out/, and only some targets.
const OUT = process.env.DOSSIER_OUT_DIR ? path.resolve(process.env.DOSSIER_OUT_DIR) : path.join(root, 'out');
const TARGETS = new Set((process.env.DOSSIER_ELECTRON_TARGETS ?? 'main,preload,renderer').split(','));

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

const main: MainViteConfig = {
  plugins: [emitSeedFiles()],
  build: {
    outDir: path.join(OUT, 'main'),
    rolldownOptions: {
      // The workers are entries of their own: worker-pool.ts starts ./worker.js and
      // import-pool.ts ./import-worker.js beside the bundle. So is the archive host, which
      // the main process starts as a utility process.
      input: {
        index: path.join(root, 'electron/main/index.ts'),
        worker: path.join(root, 'archive/search/worker.ts'),
        'import-worker': path.join(root, 'archive/flows/import-worker.ts'),
        'host-process': path.join(root, 'archive/host/host-process.ts'),
      },
      // Every chunk beside index.js, so `new URL('./x', import.meta.url)` means out/main/x.
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
};

const preload: PreloadViteConfig = {
  build: {
    outDir: path.join(OUT, 'preload'),
    // A sandboxed preload cannot require anything but electron: bundle everything else.
    externalizeDeps: false,
    rolldownOptions: {
      input: { index: path.join(root, 'electron/preload/index.ts') },
      output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
    },
  },
};

const renderer: RendererViteConfig = {
  ...rendererConfig,
  build: {
    ...rendererConfig.build,
    outDir: path.join(OUT, 'renderer'),
    rolldownOptions: { input: path.join(root, 'renderer/index.html') },
  },
};

export default defineConfig({
  ...(TARGETS.has('main') ? { main } : {}),
  ...(TARGETS.has('preload') ? { preload } : {}),
  ...(TARGETS.has('renderer') ? { renderer } : {}),
});

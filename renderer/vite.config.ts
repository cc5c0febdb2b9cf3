// The renderer's Vite config: a plain UserConfig, built on its own by `vite build --config
// renderer/vite.config.ts` (what `dossier serve` needs) and imported by electron.vite.config.ts
// for the desktop build. Relative base, so the same files load from app:// and from http://.

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // No inline scripts or data: modules: the CSP allows script-src 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
};

export default rendererConfig;

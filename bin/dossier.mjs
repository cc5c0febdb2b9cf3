#!/usr/bin/env node
// Runs the `dossier` CLI from its TypeScript source through tsx, so it works right after
// `npm ci` with no build step. `npm run build` also emits a bundled out/cli/dossier.mjs.
import { register } from 'tsx/esm/api';

register();
try {
  await import('../archive/cli/dossier.ts');
} catch (error) {
  process.stderr.write(`dossier: cannot start: ${String(error?.message ?? error).split('\n')[0]}\n`);
  process.exitCode = 1;
}

// Vitest global setup: builds the CLI once before any test runs, so the tests that spawn
// bin/dossier.mjs (the CLI, the torture runs, the end-to-end harness) run the current code
// exactly as a user would, built and without tsx.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function setup() {
  const script = fileURLToPath(new URL('./build-cli.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--quiet'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('building the CLI (scripts/build-cli.mjs) failed');
}

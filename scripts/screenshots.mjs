// `npm run screenshots`: runs the end-to-end tests with screenshots written to the
// tracked docs/screenshots/ (an ordinary test run writes them to test-results/ only).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'e2e'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DOSSIER_SCREENSHOTS: 'docs' },
});
process.exit(run.status ?? 1);

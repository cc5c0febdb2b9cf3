// Bundles the `dossier` CLI (archive/cli/dossier.ts) into out/cli/dossier.mjs, with the
// search build worker (out/cli/worker.js), the import worker (out/cli/import-worker.js) and
// the seed files beside it (all are found relative to the bundle at run time). Packages stay external: they come from node_modules.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out/cli');
const seedDir = path.join(root, 'archive/seed');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

try {
  await build({
    ...common,
    entryPoints: [path.join(root, 'archive/cli/dossier.ts')],
    outfile: path.join(outDir, 'dossier.mjs'),
    banner: { js: '#!/usr/bin/env node' },
  });
  // worker-pool.ts starts `./worker.js`, import-pool.ts `./import-worker.js`, beside the module that bundled them.
  await build({ ...common, entryPoints: [path.join(root, 'archive/search/worker.ts')], outfile: path.join(outDir, 'worker.js') });
  await build({ ...common, entryPoints: [path.join(root, 'archive/core/import-worker.ts')], outfile: path.join(outDir, 'import-worker.js') });
} catch {
  // esbuild has already printed what went wrong, with file and line.
  process.stderr.write('build-cli: bundling the dossier CLI failed\n');
  process.exit(1);
}

// seed.ts reads its files beside the module, i.e. beside out/cli/dossier.mjs once bundled.
for (const name of readdirSync(seedDir)) {
  if (/\.[cm]?[jt]s$/.test(name)) continue;
  copyFileSync(path.join(seedDir, name), path.join(outDir, name));
}

process.stdout.write(`built ${path.relative(root, outDir)}/dossier.mjs\n`);

// Builds the `dossier` CLI into out/cli/: dossier.mjs (the entry), the archive host's
// process entry host-process.mjs, split chunks loaded only by the commands that need them
// (importers, jsdom and Readability on import alone), the search build worker as worker.js,
// the import worker as import-worker.js
// and the seed files. Everything sits in one folder because worker-pool.ts and seed.ts
// find their files beside the module that runs them.
// Runs on `npm ci`/`npm install` (prepare), before the tests, and with `npm run build`;
// `npm run bench` bundles its engines' process with it (`bench/run.ts`, bundleChild).

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValues = (flag) => process.argv.flatMap((a, i) => (process.argv[i - 1] === flag ? [a] : []));
const outArg = argValues('--out')[0] ?? process.env.DOSSIER_CLI_OUT;
const outDir = outArg ? path.resolve(root, outArg) : path.join(root, 'out/cli');
/** `--entry name=file` (repeatable) bundles those instead of the CLI, with the same workers
 *  beside them, and `--external pkg` leaves a package to node_modules: the benchmark runs its
 *  engines this way, built as the app's code is. */
const entries = argValues('--entry').map((e) => e.split('='));
const externals = argValues('--external');
const seedDir = path.join(root, 'archive/seed');
const quiet = process.argv.includes('--quiet');

/**
 * zod re-exports its 40-odd message locales as `z.locales`; Dossier speaks English only and
 * never reads them, and parsing them cost every command that validates anything about a
 * fifth of its code loading. They are bundled as English alone.
 */
const englishZod = {
  name: 'english-zod',
  setup(b) {
    const zodDir = `${path.sep}node_modules${path.sep}zod${path.sep}`;
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(zodDir) ? { path: 'zod-locales', namespace: 'english-zod' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'english-zod' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  plugins: [englishZod],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Small packages are bundled in (resolving and loading ~100 files of zod, lowdb and lunr
  // one by one costs a CLI run ~90 ms); the big page parsers stay in node_modules, and
  // lunr-languages is required by file name at run time.
  external: ['jsdom', '@mozilla/readability', 'dompurify', 'lunr-languages', 'lunr-languages/*', ...externals],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
  // Bundled CommonJS packages (yaml, among others) call require(): give every module one,
  // workers included (without it the import worker could not start, and imports ran inline).
  banner: {
    js: "import { createRequire as __dossierRequire } from 'node:module';\nconst require = __dossierRequire(import.meta.url);",
  },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

try {
  await build({
    ...common,
    splitting: true,
    entryPoints: entries.length
      ? Object.fromEntries(entries.map(([name, file]) => [name, path.join(root, file)]))
      : {
          dossier: path.join(root, 'archive/cli/dossier.ts'),
          'host-process': path.join(root, 'archive/host/host-process.ts'),
        },
    outdir: outDir,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  });
  // worker-pool.ts starts `./worker.js`, import-pool.ts `./import-worker.js`, beside the module that bundled them.
  await build({
    ...common,
    entryPoints: [path.join(root, 'archive/search/worker.ts')],
    outfile: path.join(outDir, 'worker.js'),
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'archive/flows/import-worker.ts')],
    outfile: path.join(outDir, 'import-worker.js'),
  });
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

if (!quiet)
  process.stdout.write(`built ${path.relative(root, outDir) || outDir}/${entries[0]?.[0] ?? 'dossier'}.mjs\n`);

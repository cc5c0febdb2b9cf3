#!/usr/bin/env -S MALLOC_ARENA_MAX=2 GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576 node --v8-pool-size=2
// Runs the built `dossier` CLI (out/cli/dossier.mjs): JavaScript only, no TypeScript
// compiler at run time. `npm ci`/`npm install` build it (the `prepare` script), as do
// `npm run build`, `npm run build:cli` and the test run. Run as a command (`dossier`, or this
// file itself), it starts with glibc's malloc held to two arenas, asking for huge pages and
// giving large blocks back when freed, and with V8's background work on two helper threads,
// as archive/host/host-env.ts explains: `dossier serve` and `dossier mcp` are long-running hosts.
const entry = new URL('../out/cli/dossier.mjs', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  const missing = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('out/cli/dossier.mjs');
  process.stderr.write(
    missing
      ? 'dossier: the command is not built yet; run `npm run build:cli` (or `npm ci`) in the Dossier folder\n'
      : `dossier: cannot start: ${String(error?.message ?? error).split('\n')[0]}\n`,
  );
  process.exitCode = 1;
}

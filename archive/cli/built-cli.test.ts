// Smoke test of the built `dossier` (out/cli, what bin/ runs; built before the tests as on
// `npm ci`): it runs under plain Node with no TypeScript tooling loaded, and each command
// loads only what it needs — checked by recording every module the process resolves.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(root, 'bin/dossier.mjs');
let tmp: string;
let archive: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-built-cli-'));
  archive = path.join(tmp, 'a');
  // A resolve hook that writes down every module the process loads.
  writeFileSync(
    path.join(tmp, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.DOSSIER_TRACE, resolved.url + '\\t' + (context.parentURL ?? '') + '\\n');
  return resolved;
}`,
  );
  writeFileSync(
    path.join(tmp, 'trace.mjs'),
    `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(tmp, 'hooks.mjs')).href)});`,
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs bin/dossier.mjs with module tracing; returns its exit code, output and the modules it loaded. */
function traced(...args: string[]) {
  const trace = path.join(tmp, `trace-${args[0]}.txt`);
  writeFileSync(trace, '');
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(tmp, 'trace.mjs')).href, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_TRACE: trace, DOSSIER_ARCHIVE: '', NODE_OPTIONS: '' },
  });
  /** Modules with the module that imported them (the hook sees workers' imports too). */
  const imports = readFileSync(trace, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t') as [string, string]);
  const modules = imports.map(([m]) => m);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, modules, imports };
}

const loads = (modules: string[], what: RegExp) => modules.some((m) => what.test(m));

describe('the built dossier command', () => {
  it('is built, and bin/ runs it rather than the TypeScript sources', () => {
    expect(existsSync(path.join(root, 'out/cli/dossier.mjs'))).toBe(true);
    expect(existsSync(path.join(root, 'out/cli/host-process.mjs'))).toBe(true);
    expect(readFileSync(BIN, 'utf8')).not.toMatch(/tsx/);
  });

  it('answers --help loading nothing of the archive, no package and no TypeScript tooling', () => {
    const run = traced('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dossier — your offline archive/);
    expect(loads(run.modules, /\.ts$|tsx|esbuild/)).toBe(false);
    expect(loads(run.modules, /node_modules/)).toBe(false);
    // The entry and the small chunks with the parser and the help text: a few kB, where the
    // archive's code (store, schemas, search engine) is over a megabyte.
    const bytes = run.modules
      .filter((m) => m.includes('/out/cli/'))
      .reduce((sum, m) => sum + statSync(fileURLToPath(m)).size, 0);
    expect(bytes).toBeLessThan(20_000);
  });

  it('searches without loading the importers (jsdom, Readability), and imports with them', () => {
    expect(traced('init', '--archive', archive).code).toBe(0);
    const search = traced('search', 'Wang Yi', '--json', '--archive', archive);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).hits[0].title).toMatch(/Wang Yi/);
    expect(loads(search.modules, /jsdom|readability|dompurify|\.ts$|tsx/)).toBe(false);

    const page = path.join(tmp, 'page.html');
    writeFileSync(
      page,
      '<html><head><title>A page</title></head><body><article><h1>A page</h1><p>' +
        'Some words of an article. '.repeat(40) +
        '</p></article></body></html>',
    );
    const imported = traced('import', page, '--archive', archive);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 1 item\./);
    // The page is parsed on the import worker: the page parsers are loaded by it, never by
    // the code of the thread that answers (jsdom, required on first use, is not traced).
    const parsersBy = imported.imports.filter(([m]) => /node_modules\/(@mozilla\/readability|dompurify)\//.test(m));
    expect(parsersBy.length).toBeGreaterThan(0);
    expect(parsersBy.every(([, by]) => by.endsWith('/out/cli/import-worker.js'))).toBe(true);

    // What it loads at run time is installed without dev dependencies (react, esbuild, tsx).
    const dev = Object.keys(
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies as Record<string, string>,
    );
    const used = [...search.modules, ...imported.modules]
      .map((m) => m.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1])
      .filter(Boolean);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => dev.includes(name as string))).toEqual([]);
  });

  it('starts its workers under plain Node: the import worker says it is ready, the search worker answers a job', async () => {
    const started = (file: string, job: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        const worker = new Worker(pathToFileURL(path.join(root, 'out/cli', file)));
        worker.once('message', (msg) => void worker.terminate().then(() => resolve(msg)));
        worker.once('error', reject);
        if (job) worker.postMessage(job);
      });
    expect(await started('import-worker.js', null)).toEqual({ ready: true });
    // A job it cannot do still comes back as an answer, which only a worker that loaded gives.
    expect(await started('worker.js', { id: 7, kind: 'merge' })).toMatchObject({ id: 7, ok: false });
  });

  it('answers a search of an archive nothing holds from the index catalog, as the archive would', () => {
    const dir = path.join(tmp, 'catalogued');
    expect(traced('init', '--archive', dir).code).toBe(0);
    const catalog = path.join(dir, 'index', 'catalog');
    expect(existsSync(catalog)).toBe(true);
    const codeBytes = (modules: string[]) =>
      modules.filter((m) => m.includes('/out/cli/')).reduce((sum, m) => sum + statSync(fileURLToPath(m)).size, 0);
    const searches = [
      ['search', 'Wang Yi', '--archive', dir],
      ['search', 'russia', '--json', '--limit', '3', '--sort', 'newest', '--archive', dir],
      ['search', 'tag:nothing-like-it', '--archive', dir],
      // Refused by the request schema: the catalog path leaves it to dispatch, which says why.
      ['search', 'russia', '--limit', '0', '--archive', dir],
      ['search', 'russia', '--sort', 'sideways', '--archive', dir],
    ];
    const fromCatalog = searches.map((args) => traced(...args));

    // The same searches with the catalog gone read dossier.json, and answer the same.
    const saved = readFileSync(catalog);
    rmSync(catalog);
    const fromArchive = searches.map((args) => traced(...args));
    for (const [i, run] of fromCatalog.entries()) {
      const { code, stdout, stderr } = fromArchive[i];
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }, searches[i].join(' ')).toEqual({
        code,
        stdout,
        stderr,
      });
    }
    expect(fromCatalog[0].stdout).toMatch(/Wang Yi/);
    expect(fromCatalog[3].code).not.toBe(0);
    // Without the schemas and the archive's store, a search loads well under half the code.
    expect(codeBytes(fromCatalog[0].modules)).toBeLessThan(codeBytes(fromArchive[0].modules) / 2);

    // The metadata is not read at all: spoilt before the last bytes the catalog's stamp
    // covers (so it still vouches for them), the search from the catalog still answers.
    writeFileSync(catalog, saved);
    // (A new archive's snapshot is a few bytes, all of them stamped; its items are in the journal.)
    const journal = path.join(dir, 'journal');
    const bytes = readFileSync(journal);
    expect(bytes.length).toBeGreaterThan(1000);
    bytes.fill(0x23, 1, bytes.length - 200);
    writeFileSync(journal, bytes);
    expect(traced(...searches[0]).stdout).toBe(fromCatalog[0].stdout);
    // Anything but a search reads it, and says it is damaged.
    expect(traced('list', '--archive', dir).code).not.toBe(0);
  });
});

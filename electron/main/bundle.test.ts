// What `npm run build` makes of main and preload, checked by building them into a temp
// folder and starting the built main under Node with a fake Electron (the real binary is
// not available here): the bundle must load, find its seed files, preload and archive.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the project, so the bundle resolves its external packages from node_modules.
const cache = path.join(root, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const base = mkdtempSync(path.join(cache, 'dossier-bundle-test-'));
const out = path.join(base, 'out');
let build: ReturnType<typeof spawnSync>;

beforeAll(() => {
  build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      env: { ...process.env, DOSSIER_OUT_DIR: out, DOSSIER_ELECTRON_TARGETS: 'main,preload' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
}, 130_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

// The child's `electron` is the fake; everything else is the built bundle as Electron would load it.
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(path.join(base, 'fake.mjs')).href)}, shortCircuit: true };
  return next(specifier, context);
}`;
const register = `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(base, 'hooks.mjs')).href)});`;
const fake = `import { createFakeElectron } from ${JSON.stringify(pathToFileURL(path.join(root, 'electron/main/fake-electron.ts')).href)};
const f = createFakeElectron();
f.app.paths.userData = ${JSON.stringify(path.join(base, 'userData'))};
f.app.paths.logs = ${JSON.stringify(path.join(base, 'logs'))};
export const { app, BrowserWindow, ipcMain, session, protocol, dialog, nativeTheme, shell, screen, Menu, utilityProcess, MessageChannelMain } = f;
const appFrame = { sender: null, senderFrame: { url: 'app://dossier/index.html', isDestroyed: () => false } };
setTimeout(async () => {
  f.app.makeReady();
  for (let i = 0; i < 200 && f.BrowserWindow.instances.length === 0 && f.dialog.errorBoxes.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  const win = f.BrowserWindow.instances[0];
  const page = await f.protocol.handlers.get('app')?.(new Request('app://dossier/index.html'));
  const list = await f.ipcMain.handlers.get('dossier:items.list')?.(appFrame, {});
  f.app.quit();
  for (let i = 0; i < 200 && f.app.quitCalls < 2; i++) await new Promise((r) => setTimeout(r, 50));
  const result = {
    errors: f.dialog.errorBoxes,
    loaded: win?.loaded,
    preload: win?.options.webPreferences.preload,
    csp: page?.headers.get('content-security-policy'),
    titles: list?.ok ? list.value.items.map((i) => i.title) : list,
    quitCalls: f.app.quitCalls,
    hostEntry: f.utilityProcess && (await import(${JSON.stringify(pathToFileURL(path.join(root, 'electron/main/fake-electron.ts')).href)})).FakeUtilityProcess.instances.map((u) => u.entry),
  };
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
  process.exit(0);
}, 0);`;

/** Output without stack frames (vitest would try to read source maps of the files they name). */
function withoutStack(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s+at /.test(l))
    .slice(0, 40)
    .join('\n');
}

describe('the built desktop app', () => {
  it('builds main (ESM, with the search and import workers and the seed files beside it) and a CommonJS preload', () => {
    expect(build.status, withoutStack(String(build.stderr))).toBe(0);
    for (const file of [
      'main/index.js',
      'main/host-process.js',
      'main/worker.js',
      'main/import-worker.js',
      'main/000_058561fa2592a63d.txt',
      'main/welcome-note.md',
      'preload/index.cjs',
    ]) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    const preload = readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload.match(/require\("([^"]+)"\)/g)).toEqual(['require("electron")']);
  });

  it('starts under a fake Electron: its host process seeds the archive, opens the window with the preload, answers the contract, closes on quit', () => {
    expect(build.status).toBe(0);
    writeFileSync(path.join(base, 'hooks.mjs'), hooks);
    writeFileSync(path.join(base, 'register.mjs'), register);
    writeFileSync(path.join(base, 'fake.mjs'), fake);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        pathToFileURL(path.join(base, 'register.mjs')).href,
        path.join(out, 'main/index.js'),
      ],
      {
        cwd: root,
        env: { ...process.env, DOSSIER_ARCHIVE: path.join(base, 'archive'), ELECTRON_RENDERER_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `no result; the child said:\n${withoutStack(child.stdout + child.stderr)}`).toBeDefined();
    const result = JSON.parse(line!.slice('RESULT '.length));
    expect(result.errors).toEqual([]);
    expect(result.loaded).toEqual(['app://dossier/index.html']);
    expect(result.preload).toBe(path.join(out, 'preload/index.cjs'));
    expect(result.csp).toContain("default-src 'self'");
    expect(result.titles).toEqual(expect.arrayContaining(['Welcome to Dossier', expect.stringContaining('Wang Yi')]));
    expect(result.quitCalls).toBe(2);
    // The archive ran in the built host entry beside the main bundle, not in the main process.
    expect(result.hostEntry).toEqual([path.join(out, 'main/host-process.js')]);
    expect(existsSync(path.join(base, 'archive', 'dossier.json'))).toBe(true);
    expect(existsSync(path.join(base, 'archive', '.lock'))).toBe(false);
  });

  it('builds an import worker that starts on its own and parses a page', async () => {
    expect(build.status).toBe(0);
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(path.join(out, 'main/import-worker.js'));
    try {
      const page = `<!doctype html><html><head><title>Built</title></head><body><article><h1>Built</h1><p>${'The import worker of the built app parsed this page. '.repeat(5)}</p></article></body></html>`;
      const answer = await new Promise<any>((resolve, reject) => {
        worker.on('message', (msg) =>
          msg.ready
            ? worker.postMessage({
                id: 1,
                job: { kind: 'file', file: { name: 'built.html', bytes: new TextEncoder().encode(page) } },
              })
            : resolve(msg),
        );
        worker.on('error', reject);
      });
      expect(answer).toMatchObject({ id: 1, ok: true });
      expect(answer.parsed.drafts[0].text).toContain('The import worker of the built app parsed this page.');
    } finally {
      await worker.terminate();
    }
  });
});

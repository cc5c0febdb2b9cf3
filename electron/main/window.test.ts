import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const { windowOptions, createMainWindow } = await import('./window');
const { BUILT_APP } = await import('./app-origin');
const { DEFAULT_WINDOW_STATE } = await import('./window-state');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the window options', () => {
  const options = windowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: null, dark: false });

  it('isolate and sandbox the renderer, without Node, with web security', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('spellcheck with the OS’s own checker on macOS, and not at all elsewhere (it would download dictionaries)', () => {
    const on = (platform: NodeJS.Platform) =>
      windowOptions({ preloadPath: 'p', bounds: null, dark: false, platform }).webPreferences?.spellcheck;
    expect(on('darwin')).toBe(true);
    expect(on('linux')).toBe(false);
    expect(on('win32')).toBe(false);
  });

  it('load the CommonJS preload', () => {
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('open at the default size unless bounds are remembered, never smaller than the minimum', () => {
    expect(options).toMatchObject({ width: 1280, height: 820, minWidth: 720, minHeight: 480, show: false });
    const placed = windowOptions({ preloadPath: 'p', bounds: { x: 5, y: 6, width: 900, height: 700 }, dark: true });
    expect(placed).toMatchObject({ x: 5, y: 6, width: 900, height: 700 });
  });
});

describe('the main window', () => {
  it('opens the app entry with those options and remembers its bounds on close', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-window-'));
    dirs.push(dir);
    const stateFile = path.join(dir, 'window-state.json');
    const state = {
      ...DEFAULT_WINDOW_STATE,
      bounds: { x: 100, y: 100, width: 1000, height: 700 },
      theme: 'dark' as const,
    };
    const win = createMainWindow({
      origin: BUILT_APP,
      preloadPath: '/p/index.cjs',
      state,
      stateFile,
      dark: true,
      log: () => undefined,
    }) as unknown as FakeBrowserWindow;
    expect(win.loaded).toEqual(['app://dossier/index.html']);
    expect(win.options.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      sandbox: true,
      contextIsolation: true,
    });
    expect(win.options).toMatchObject({ x: 100, y: 100, width: 1000, height: 700 });
    win.maximized = true;
    win.emit('close');
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ maximized: true, theme: 'dark' }),
    );
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).bounds).toEqual({ x: 100, y: 100, width: 1000, height: 700 });
  });

  it('ignores remembered bounds that are off every screen', () => {
    const state = { ...DEFAULT_WINDOW_STATE, bounds: { x: 5000, y: 5000, width: 1000, height: 700 } };
    const win = createMainWindow({
      origin: BUILT_APP,
      preloadPath: 'p',
      state,
      stateFile: '/nonexistent/x.json',
      dark: false,
      log: () => undefined,
    }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ width: 1280, height: 820 });
    expect(win.options.x).toBeUndefined();
  });
});

// The desktop app's lifecycle: one instance (a second one focuses the first), the archive
// in its own host process (a utility process, the one writer), the app:// protocol and
// security rules installed before any page loads, the contract bound to IPC and forwarded
// to the host, its events relayed to every window, one window and the menu; the archive
// flushed and closed on quit. No archive work runs on this process.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  nativeTheme,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { appOrigin } from './app-origin';
import { archiveDir, closeArchiveOnQuit, openAppArchive } from './archive-session';
import { startArchiveHost } from './archive-host';
import { aboutMessage, exportArchiveWithDialog, importWithDialog, type HostCommandDeps } from './host-commands';
import { relayHostEvent } from './host-events-relay';
import { bindContract, sendHostEvent, type AskUser, type CallArchive } from './ipc';
import { createLog, type Log } from './log';
import { installMenu } from './menu';
import { APP_SCHEME_PRIVILEGES, serveApp } from './protocol';
import { denyAllPermissions, guardDownloads, hardenWebContents, keepSpellcheckOffline } from './security';
import { createMainWindow } from './window';
import { readWindowState, WINDOW_STATE_FILE, writeWindowState, type Theme } from './window-state';

// Beside the bundle (out/main/index.js): out/preload/index.cjs and out/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, '../preload/index.cjs');
const RENDERER_DIR = path.join(here, '../renderer');
// The archive host's entry, built beside this bundle (electron.vite.config.ts).
const HOST_ENTRY = path.join(here, 'host-process.js');

const origin = appOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

// Both must happen before `ready`: the scheme's privileges, and hardening every web
// contents the moment it exists (before it can navigate anywhere).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, origin, (url) => shell.openExternal(url)),
);

let mainWindow: BrowserWindow | null = null;
/** Set once the archive is open: shows the window, opening it again if it was closed. */
let showWindow: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow?.());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error) => fail(error));
}

async function start(): Promise<void> {
  const log = createLog(path.join(app.getPath('logs'), 'main.log'));
  try {
    await run(log);
  } catch (error) {
    fail(error, log);
  }
}

async function run(log: Log): Promise<void> {
  const dir = archiveDir(process.env, app.getPath('userData'));
  const host = await openAppArchive(dir, {
    startHost: (d) => startArchiveHost(d, { utilityProcess, MessageChannelMain, entry: HOST_ENTRY, log }),
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    log,
  });
  if (!host) {
    app.quit();
    return;
  }
  closeArchiveOnQuit(app, host, log);
  const call: CallArchive = (method, args, options) => host.link.call(method, args, options);

  serveApp(protocol, RENDERER_DIR);
  denyAllPermissions(session.defaultSession);
  keepSpellcheckOffline(session.defaultSession, process.platform);
  guardDownloads(session.defaultSession, origin);
  // A native dialog, which no page can draw or answer, before a window points sync elsewhere.
  const ask: AskUser = async (question, contents) => {
    const options = { type: 'question' as const, buttons: ['Sync', 'Cancel'], defaultId: 1, cancelId: 1, ...question };
    const parent = BrowserWindow.fromWebContents(contents);
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
  bindContract({ ipcMain, origin, call, ask });
  host.link.onEvent((event) =>
    relayHostEvent(
      event,
      BrowserWindow.getAllWindows().map((w) => w.webContents),
    ),
  );

  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const state = await readWindowState(stateFile);
  nativeTheme.themeSource = state.theme;
  const openWindow = () => {
    const win = createMainWindow({
      origin,
      preloadPath: PRELOAD_PATH,
      state,
      stateFile,
      dark: nativeTheme.shouldUseDarkColors,
      log,
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };
  openWindow();
  showWindow = () => {
    const win = mainWindow && !mainWindow.isDestroyed() ? mainWindow : openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  const target = () => BrowserWindow.getFocusedWindow() ?? mainWindow ?? openWindow();
  const deps: HostCommandDeps = { dialog, call };
  installMenu({
    theme: state.theme,
    dev: !app.isPackaged,
    platform: process.platform,
    actions: {
      importFiles: () =>
        void importWithDialog(target(), deps).catch((error) => log('import from the menu failed', error)),
      exportNotes: () => sendHostEvent(target().webContents, 'dossier:menu', { command: 'export-notes' }),
      exportArchive: () =>
        void exportArchiveWithDialog(target(), deps).catch((error) =>
          log('archive export from the menu failed', error),
        ),
      focusSearch: () => sendHostEvent(target().webContents, 'dossier:menu', { command: 'focus-search' }),
      restoreBackup: () => sendHostEvent(target().webContents, 'dossier:menu', { command: 'restore-backup' }),
      setTheme: (theme: Theme) => {
        nativeTheme.themeSource = theme;
        state.theme = theme;
        writeWindowState(stateFile, state).catch((error) => log('could not save the theme', error));
      },
      about: () =>
        void dialog.showMessageBox(
          target(),
          aboutMessage({ version: app.getVersion(), archiveDir: dir, versions: process.versions }),
        ),
    },
  });
}

function fail(error: unknown, log?: Log): void {
  log?.('Dossier could not start', error);
  dialog.showErrorBox('Dossier could not start', error instanceof Error ? error.message : String(error));
  app.quit();
}

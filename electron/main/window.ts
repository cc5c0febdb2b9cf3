// The one app window: its hardened web preferences (context isolation, sandbox, no Node,
// web security, the CommonJS preload), where it opens, and remembering its bounds. The
// options are a pure function so tests can check every security-relevant flag.

import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import {
  DEFAULT_SIZE,
  MIN_HEIGHT,
  MIN_WIDTH,
  toStoredBounds,
  visibleBounds,
  writeWindowState,
  type Rectangle,
  type WindowState,
} from './window-state';
import type { AppOrigin } from './app-origin';
import { spellcheckFromOs } from './security';

export interface WindowOptionsInput {
  preloadPath: string;
  /** Remembered bounds already checked against the screens, or null for the default size. */
  bounds: Rectangle | null;
  dark: boolean;
  /** Decides the spellchecker: the OS's own on macOS, none elsewhere (it would download dictionaries). */
  platform?: NodeJS.Platform;
}

/** The BrowserWindow options; every flag that keeps the renderer boxed in is set explicitly. */
export function windowOptions({
  preloadPath,
  bounds,
  dark,
  platform = process.platform,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Dossier',
    show: false,
    backgroundColor: dark ? '#1b1b1d' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: spellcheckFromOs(platform),
    },
  };
}

export interface MainWindowInput {
  origin: AppOrigin;
  preloadPath: string;
  state: WindowState;
  /** Where the window state is written when the window closes. */
  stateFile: string;
  dark: boolean;
  log: (message: string, error?: unknown) => void;
}

/** Opens the app window at the remembered place and saves its bounds when it closes. */
export function createMainWindow({ origin, preloadPath, state, stateFile, dark, log }: MainWindowInput): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const win = new BrowserWindow(windowOptions({ preloadPath, bounds: visibleBounds(state.bounds, workAreas), dark }));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const next: WindowState = { ...state, bounds: toStoredBounds(win.getNormalBounds()), maximized: win.isMaximized() };
    Object.assign(state, next);
    writeWindowState(stateFile, next).catch((error) => log('could not save the window state', error));
  });
  win.loadURL(origin.entry).catch((error) => log(`could not load ${origin.entry}`, error));
  return win;
}

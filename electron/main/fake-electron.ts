// Test support only (never imported by the app): small fakes of the parts of Electron that
// main and preload use, so their tests run under plain Node with `vi.mock('electron')`.
// Each fake records what it was asked to do; nothing here opens a window. The one real
// thing is the utility process: a real Node child (child_process.fork) running the archive
// host entry, its MessagePort bridged over the child's IPC channel.

import { EventEmitter } from 'node:events';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Listener = (...args: any[]) => void;

/** A web contents: events, the window-open handler it was given, and what was sent to it. */
export class FakeWebContents extends EventEmitter {
  private static ids = 0;
  readonly id = ++FakeWebContents.ids;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a cancellable event the way Electron does; returns true if it was cancelled. */
  fire(name: string, ...args: unknown[]): boolean {
    let cancelled = false;
    this.emit(name, { preventDefault: () => void (cancelled = true) }, ...args);
    return cancelled;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  maximized = false;
  minimized = false;
  focusCount = 0;
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focusCount += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    const { x = 10, y = 20, width, height } = this.options;
    return { x, y, width, height };
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: ((...args: any[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: any[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: any[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: any[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  // Spellchecker: Electron's defaults (enabled, dictionaries from Google's CDN) until changed.
  spellCheckerEnabled = true;
  spellCheckerDictionaryDownloadURL: string | null = null;
  spellCheckerLanguages: string[] = ['en-US'];
  setSpellCheckerEnabled(enable: boolean): void {
    this.spellCheckerEnabled = enable;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.spellCheckerDictionaryDownloadURL = url;
  }
  setSpellCheckerLanguages(languages: string[]): void {
    this.spellCheckerLanguages = languages;
  }
}

/** One end of a MessageChannelMain: what is posted on one end arrives at the other as { data }. */
export class FakeMessagePortMain extends EventEmitter {
  other: FakeMessagePortMain | null = null;
  postMessage(data: unknown): void {
    const other = this.other;
    // Structured clone, as Electron does: nothing shared between the two sides.
    if (other) setImmediate(() => other.emit('message', { data: structuredClone(data), ports: [] }));
  }
  start(): void {}
  close(): void {
    this.emit('close');
    this.other?.emit('close');
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

/** Where the archive host entry is when the app's own (out/main/host-process.js) is not built. */
const BUILT_HOST_ENTRY = fileURLToPath(new URL('../../out/cli/host-process.mjs', import.meta.url));

/** A utility process: a real child running `modulePath` (or the CLI's build of the same entry). */
export class FakeUtilityProcess extends EventEmitter {
  static instances: FakeUtilityProcess[] = [];
  readonly child: ChildProcess;
  readonly entry: string;
  constructor(
    modulePath: string,
    args: string[] = [],
    env?: Record<string, string | undefined>,
    execArgv: string[] = [],
  ) {
    super();
    FakeUtilityProcess.instances.push(this);
    this.entry = existsSync(modulePath) ? modulePath : BUILT_HOST_ENTRY;
    this.child = fork(this.entry, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv, env });
    this.child.on('exit', (code) => this.emit('exit', code ?? 1));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  get stdout() {
    return this.child.stdout;
  }
  get stderr() {
    return this.child.stderr;
  }
  /** A transferred port is bridged to the child's IPC channel, both ways. */
  postMessage(message: unknown, transfer: FakeMessagePortMain[] = []): void {
    const port = transfer[0];
    if (port) {
      port.on('message', (event: { data: unknown }) => {
        if (this.child.connected) this.child.send(event.data as object, () => undefined);
      });
      this.child.on('message', (data) => port.postMessage(data));
      return;
    }
    if (this.child.connected) this.child.send(message as object, () => undefined);
  }
  kill(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.kill() : false;
  }
}

type InvokeHandler = (...args: any[]) => any;

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** An IPC invoke event from a frame showing `url`. */
export function invokeEvent(url: string | null, sender = new FakeWebContents()) {
  return { sender, senderFrame: url === null ? null : { url, isDestroyed: () => false } };
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const userData = path.join(os.tmpdir(), `dossier-fake-userdata-${process.pid}-${Date.now()}`);
  const app = Object.assign(appEvents, {
    isPackaged: false,
    singleInstance: true,
    quitCalls: 0,
    paths: { userData, logs: path.join(userData, 'logs') } as Record<string, string>,
    requestSingleInstanceLock: () => app.singleInstance,
    whenReady: () => ready,
    /** Test hook: lets `whenReady()` resolve. */
    makeReady: () => markReady(),
    quit: () => {
      app.quitCalls += 1;
      // Like Electron: will-quit may be cancelled; the test checks what happened.
      let cancelled = false;
      appEvents.emit('will-quit', { preventDefault: () => void (cancelled = true) });
      return cancelled;
    },
    getPath: (name: string) => app.paths[name] ?? path.join(userData, name),
    getVersion: () => '0.0.0-test',
  });
  const registeredSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const menus: unknown[] = [];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const opened: string[] = [];
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    protocol: {
      registeredSchemes,
      handlers: protocolHandlers,
      registerSchemesAsPrivileged: (schemes: unknown[]) => void registeredSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void protocolHandlers.set(scheme, handler),
    },
    dialog: {
      errorBoxes,
      showErrorBox: (title: string, content: string) => void errorBoxes.push({ title, content }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
    },
    nativeTheme: { themeSource: 'system' as string, shouldUseDarkColors: false },
    utilityProcess: {
      fork: (
        modulePath: string,
        args?: string[],
        options?: { env?: Record<string, string | undefined>; execArgv?: string[] },
      ) => new FakeUtilityProcess(modulePath, args, options?.env, options?.execArgv),
    },
    MessageChannelMain: FakeMessageChannelMain,
    shell: { opened, openExternal: async (url: string) => void opened.push(url) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: {
      menus,
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => void menus.push(menu),
    },
    // Preload side.
    contextBridge: {
      exposed: new Map<string, unknown>(),
      exposeInMainWorld(key: string, api: unknown) {
        this.exposed.set(key, api);
      },
    },
    ipcRenderer: Object.assign(new EventEmitter(), {
      invoked: [] as Array<{ channel: string; args: unknown; callId?: unknown }>,
      sent: [] as Array<{ channel: string; args: unknown[] }>,
      async invoke(
        this: { invoked: Array<{ channel: string; args: unknown; callId?: unknown }> },
        channel: string,
        args: unknown,
        callId?: unknown,
      ) {
        this.invoked.push(callId === undefined ? { channel, args } : { channel, args, callId });
        return { ok: true, value: channel };
      },
      send(this: { sent: Array<{ channel: string; args: unknown[] }> }, channel: string, ...args: unknown[]) {
        this.sent.push({ channel, args });
      },
    }),
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

// The whole main process under Node, starting normally: Electron is faked, the archive is
// real (a temp folder).
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useMainHarness } from './main-harness';
import { METHODS, TRUSTED_METHODS } from '../../archive/api/methods';
import { openArchive } from '../../archive/api/open-archive';
import { FakeUtilityProcess, FakeWebContents, invokeEvent } from './fake-electron';
import { connectHost } from '../../archive/host/host-client';
import { HOST_NODE_FLAGS, HOST_PROCESS_ENV, hostProcessEnv } from '../../archive/host/host-env';
import { argsOf, environOf } from '../../archive/host/test-environ';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const { base, startMain } = useMainHarness();

beforeEach(() => vi.spyOn(process.stderr, 'write').mockImplementation(() => true));

describe('the main process', () => {
  it('starts: one instance, app:// served, the contract bound, one hardened window; closes the archive on quit', async () => {
    const dir = path.join(base, 'archive');
    const electron = await startMain(dir);

    // Before ready: the scheme is privileged and every web contents gets hardened.
    expect(electron.protocol.registeredSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    const stray = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, stray);
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(stray.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(electron.app.listenerCount('second-instance')).toBe(1);

    electron.app.makeReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1), { timeout: 20_000 });
    const win = electron.BrowserWindow.instances[0];
    expect(win.loaded).toEqual(['app://dossier/index.html']);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(path.isAbsolute(win.options.webPreferences.preload)).toBe(true);
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(electron.session.defaultSession.permissionCheckHandler?.({}, 'media', '', {})).toBe(false);
    // Nothing leaves the machine: no spellchecker dictionary downloads (the OS's checker on macOS only).
    expect(electron.session.defaultSession.spellCheckerDictionaryDownloadURL).toBe('http://127.0.0.1:9/');
    expect(electron.session.defaultSession.spellCheckerEnabled).toBe(process.platform === 'darwin');
    expect(win.options.webPreferences.spellcheck).toBe(process.platform === 'darwin');
    expect(electron.Menu.menus).toHaveLength(1);

    // The contract: every renderer method bound, trusted ones not; app frames reach the real archive.
    const channels = [...electron.ipcMain.handlers.keys()];
    expect(channels.sort()).toEqual(
      METHODS.filter((m) => !(TRUSTED_METHODS as readonly string[]).includes(m))
        .map((m) => `dossier:${m}`)
        .sort(),
    );
    const list = await electron.ipcMain.handlers.get('dossier:items.list')!(
      invokeEvent('app://dossier/index.html'),
      {},
    );
    expect(list.ok).toBe(true);
    expect(list.value.items.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining(['Welcome to Dossier', expect.stringContaining('Wang Yi')]),
    );
    const foreign = await electron.ipcMain.handlers.get('dossier:items.list')!(
      invokeEvent('https://evil.example/'),
      {},
    );
    expect(foreign.ok).toBe(false);

    // One writer, and not this process: the archive is locked by the host process the app started.
    await expect(openArchive(dir)).rejects.toMatchObject({ code: 'conflict' });
    expect(FakeUtilityProcess.instances).toHaveLength(1);
    const hostPid = FakeUtilityProcess.instances[0].pid;
    expect(hostPid).not.toBe(process.pid);
    // It starts with the host's malloc settings and Node flags (host-env.ts), read from the process itself.
    if (process.platform === 'linux') {
      const environ = environOf(hostPid!);
      const env = hostProcessEnv();
      for (const name of Object.keys(HOST_PROCESS_ENV)) expect(environ).toContain(`${name}=${env[name]}`);
      expect(environ).toContain(`PATH=${process.env.PATH}`);
      expect(argsOf(hostPid!)).toEqual(expect.arrayContaining([...HOST_NODE_FLAGS]));
    }

    // The `dossier` command reaches the same host over its socket; the window hears of the change.
    const cli = (await connectHost(dir))!;
    expect(await cli.welcomed).toBe(hostPid);
    const seed = list.value.items.find((i: { kind: string }) => i.kind === 'article');
    expect(await cli.call('tags.add', { id: seed.id, tags: ['From the CLI'] })).toMatchObject({ ok: true });
    cli.close();
    await vi.waitFor(() =>
      expect(win.webContents.sent).toContainEqual({
        channel: 'dossier:changed',
        payload: { reason: 'edit', method: 'tags.add' },
      }),
    );
    // The window's own change is not echoed back to it.
    const before = win.webContents.sent.length;
    const own = invokeEvent('app://dossier/index.html', win.webContents);
    expect(
      await electron.ipcMain.handlers.get('dossier:tags.add')!(own, { id: seed.id, tags: ['Mine'] }),
    ).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(win.webContents.sent.slice(before)).toEqual([]);

    // A second instance focuses the first window.
    win.minimized = true;
    electron.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focusCount).toBe(1);

    // Quit: held until the archive is flushed and closed (and its process gone), then it goes ahead.
    expect(electron.app.quit()).toBe(true);
    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(2), { timeout: 20_000 });
    expect(FakeUtilityProcess.instances[0].child.exitCode).toBe(0);
    const again = await openArchive(dir);
    await again.close();
  });
});

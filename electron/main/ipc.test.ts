import { describe, expect, it, vi } from 'vitest';
import { METHODS, TRUSTED_METHODS } from '../../archive/api/methods';
import { BUILT_APP } from './app-origin';
import { FOREIGN_SENDER, RENDERER_METHODS, bindContract, isAppSender, sendHostEvent, type Dispatch } from './ipc';
import { FakeIpcMain, FakeWebContents, invokeEvent } from './fake-electron';

vi.mock('electron', () => ({}));

const archive = { fake: 'archive' } as never;

function bound() {
  const ipcMain = new FakeIpcMain();
  const dispatch = vi.fn<Dispatch>(async (_archive, method) => ({ ok: true, value: `ran ${method}` }));
  const unbind = bindContract({ ipcMain, origin: BUILT_APP, archive: () => archive, dispatch, log: () => undefined });
  return { ipcMain, dispatch, unbind };
}

describe('binding the contract', () => {
  it('binds every method a renderer may call, and no host-only one', () => {
    const { ipcMain } = bound();
    const expected = METHODS.filter((m) => !(TRUSTED_METHODS as readonly string[]).includes(m)).map((m) => `dossier:${m}`);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...expected].sort());
    expect(RENDERER_METHODS.length).toBe(METHODS.length - TRUSTED_METHODS.length);
    for (const trusted of TRUSTED_METHODS) expect(ipcMain.handlers.has(`dossier:${trusted}`)).toBe(false);
    expect(ipcMain.handlers.has('dossier:import.paths')).toBe(false);
  });

  it('passes an app frame’s call to dispatch, untrusted, with its arguments', async () => {
    const { ipcMain, dispatch } = bound();
    const outcome = await ipcMain.handlers.get('dossier:items.get')!(invokeEvent('app://dossier/index.html'), { id: 'x' });
    expect(outcome).toEqual({ ok: true, value: 'ran items.get' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    const [calledArchive, method, args, ctx] = dispatch.mock.calls[0];
    expect(calledArchive).toBe(archive);
    expect(method).toBe('items.get');
    expect(args).toEqual({ id: 'x' });
    expect(ctx?.trusted).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///work/out/renderer/index.html',
    'app://evil/index.html',
    'about:blank',
    'data:text/html,x',
    '',
  ])('answers a call from a frame at %s with an error Outcome, never a dispatch', async (url) => {
    const { ipcMain, dispatch } = bound();
    for (const channel of ipcMain.handlers.keys()) {
      const outcome = await ipcMain.handlers.get(channel)!(invokeEvent(url), {});
      expect(outcome).toEqual(FOREIGN_SENDER);
      expect(outcome.ok).toBe(false);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is gone or destroyed', async () => {
    const { ipcMain, dispatch } = bound();
    const handler = ipcMain.handlers.get('dossier:items.list')!;
    expect(await handler(invokeEvent(null), {})).toEqual(FOREIGN_SENDER);
    const destroyed = { sender: new FakeWebContents(), senderFrame: { url: 'app://dossier/index.html', isDestroyed: () => true } };
    expect(await handler(destroyed, {})).toEqual(FOREIGN_SENDER);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('reports progress from import.files and items.fetch to the calling page', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn<Dispatch>(async (_a, _m, _args, ctx) => {
      ctx?.onProgress?.(1, 2);
      return { ok: true, value: null };
    });
    bindContract({ ipcMain, origin: BUILT_APP, archive: () => archive, dispatch, log: () => undefined });
    const event = invokeEvent('app://dossier/index.html');
    await ipcMain.handlers.get('dossier:import.files')!(event, { files: [] });
    expect(event.sender.sent).toEqual([{ channel: 'dossier:progress', payload: { done: 1, total: 2 } }]);
    const fetching = invokeEvent('app://dossier/index.html');
    await ipcMain.handlers.get('dossier:items.fetch')!(fetching, { allBookmarks: true });
    expect(fetching.sender.sent).toEqual([{ channel: 'dossier:progress', payload: { done: 1, total: 2 } }]);
  });

  it('unbinds everything it bound', () => {
    const { ipcMain, unbind } = bound();
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('checks the sender frame, not the page that asked', () => {
    expect(isAppSender(invokeEvent('app://dossier/index.html') as never, BUILT_APP)).toBe(true);
    expect(isAppSender(invokeEvent('https://dossier/index.html') as never, BUILT_APP)).toBe(false);
  });
});

describe('host events', () => {
  it('sends to a live page and skips a destroyed one', () => {
    const live = new FakeWebContents();
    sendHostEvent(live as never, 'dossier:menu', { command: 'export-notes' });
    expect(live.sent).toEqual([{ channel: 'dossier:menu', payload: { command: 'export-notes' } }]);
    const gone = new FakeWebContents();
    gone.destroyed = true;
    sendHostEvent(gone as never, 'dossier:menu', { command: 'export-notes' });
    sendHostEvent(null, 'dossier:menu', { command: 'export-notes' });
    expect(gone.sent).toEqual([]);
  });
});

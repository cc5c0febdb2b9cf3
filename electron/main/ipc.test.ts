import { describe, expect, it, vi } from 'vitest';
import { METHODS, TRUSTED_METHODS } from '../../archive/api/methods';
import { BUILT_APP } from './app-origin';
import {
  DECLINED,
  FOREIGN_SENDER,
  RENDERER_METHODS,
  bindContract,
  isAppSender,
  sendHostEvent,
  windowCaller,
  type CallArchive,
} from './ipc';
import { FakeIpcMain, FakeWebContents, invokeEvent } from './fake-electron';
import { CANCEL_CHANNEL } from '../../archive/api/host-events';

vi.mock('electron', () => ({}));

function bound() {
  const ipcMain = new FakeIpcMain();
  const dispatch = vi.fn<CallArchive>(async (method) => ({ ok: true, value: `ran ${method}` }));
  const unbind = bindContract({ ipcMain, origin: BUILT_APP, call: dispatch });
  return { ipcMain, dispatch, unbind };
}

describe('asking the user first', () => {
  const event = () => invokeEvent('app://dossier/index.html');
  const folder = { target: { kind: 'folder', folder: '/home/me/Sync/dossier' } };

  it('runs a window’s new sync target only after the user agrees in a native dialog', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn<CallArchive>(async () => ({ ok: true, value: 'configured' }));
    const asked: string[] = [];
    let answer = false;
    bindContract({ ipcMain, origin: BUILT_APP, call: dispatch, ask: async (q) => (asked.push(q.message), answer) });
    const configure = ipcMain.handlers.get('dossier:sync.configure')!;
    expect(await configure(event(), folder)).toEqual(DECLINED);
    expect(dispatch).not.toHaveBeenCalled();
    answer = true;
    expect(await configure(event(), folder)).toEqual({ ok: true, value: 'configured' });
    expect(asked).toEqual([
      'Sync this archive with the folder /home/me/Sync/dossier?',
      'Sync this archive with the folder /home/me/Sync/dossier?',
    ]);
    // Turning sync off or on asks nothing.
    expect(await configure(event(), { enabled: false })).toEqual({ ok: true, value: 'configured' });
    expect(asked).toHaveLength(2);
  });

  it('declines it when there is nobody to ask', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn<CallArchive>(async () => ({ ok: true, value: 'configured' }));
    bindContract({ ipcMain, origin: BUILT_APP, call: dispatch });
    const webdav = { target: { kind: 'webdav', url: 'https://dav.example/' } };
    expect(await ipcMain.handlers.get('dossier:sync.configure')!(event(), webdav)).toEqual(DECLINED);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('withdrawing a call', () => {
  /** A host whose calls wait until their signal aborts, and say so. */
  function waitingHost() {
    const ipcMain = new FakeIpcMain();
    const signals: Array<AbortSignal | undefined> = [];
    const call: CallArchive = (_method, _args, ctx) =>
      new Promise((resolve) => {
        signals.push(ctx.signal);
        ctx.signal?.addEventListener('abort', () =>
          resolve({ ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } }),
        );
        if (!ctx.signal) resolve({ ok: true, value: 'unnumbered' });
      });
    bindContract({ ipcMain, origin: BUILT_APP, call });
    return { ipcMain, signals };
  }

  it('aborts a numbered call in the host when its window withdraws it', async () => {
    const { ipcMain, signals } = waitingHost();
    const event = invokeEvent('app://dossier/index.html');
    const pending = ipcMain.handlers.get('dossier:search.query')!(event, { q: 'harbour' }, 7);
    ipcMain.emit(CANCEL_CHANNEL, event, 7);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(signals[0]?.aborted).toBe(true);
  });

  it('lets neither another window nor a foreign frame withdraw it, and runs an unnumbered call as before', async () => {
    const { ipcMain, signals } = waitingHost();
    const event = invokeEvent('app://dossier/index.html');
    ipcMain.handlers.get('dossier:search.query')!(event, { q: 'harbour' }, 3);
    ipcMain.emit(CANCEL_CHANNEL, invokeEvent('app://dossier/index.html'), 3); // another window, same number
    ipcMain.emit(CANCEL_CHANNEL, invokeEvent('https://evil.example/', event.sender), 3); // a foreign frame in it
    ipcMain.emit(CANCEL_CHANNEL, event, '3'); // not a number
    expect(signals[0]?.aborted).toBe(false);
    expect(await ipcMain.handlers.get('dossier:search.query')!(event, { q: 'x' })).toEqual({
      ok: true,
      value: 'unnumbered',
    });
  });
});

describe('binding the contract', () => {
  it('binds every method a renderer may call, and no host-only one', () => {
    const { ipcMain } = bound();
    const expected = METHODS.filter((m) => !(TRUSTED_METHODS as readonly string[]).includes(m)).map(
      (m) => `dossier:${m}`,
    );
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...expected].sort());
    expect(RENDERER_METHODS.length).toBe(METHODS.length - TRUSTED_METHODS.length);
    for (const trusted of TRUSTED_METHODS) expect(ipcMain.handlers.has(`dossier:${trusted}`)).toBe(false);
    expect(ipcMain.handlers.has('dossier:import.paths')).toBe(false);
  });

  it('passes an app frame’s call to the archive host, untrusted, with its arguments and the window that asked', async () => {
    const { ipcMain, dispatch } = bound();
    const event = invokeEvent('app://dossier/index.html');
    const outcome = await ipcMain.handlers.get('dossier:items.get')!(event, { id: 'x' });
    expect(outcome).toEqual({ ok: true, value: 'ran items.get' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    const [method, args, ctx] = dispatch.mock.calls[0];
    expect(method).toBe('items.get');
    expect(args).toEqual({ id: 'x' });
    expect(ctx).toEqual({ trusted: false, by: windowCaller(event.sender) });
    expect(ctx.by).toMatch(/^window:\d+$/);
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
    const destroyed = {
      sender: new FakeWebContents(),
      senderFrame: { url: 'app://dossier/index.html', isDestroyed: () => true },
    };
    expect(await handler(destroyed, {})).toEqual(FOREIGN_SENDER);
    expect(dispatch).not.toHaveBeenCalled();
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

import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { archiveDir, closeArchiveOnQuit, openAppArchive } from './archive-session';

vi.mock('electron', () => ({}));

describe('the archive folder', () => {
  it('is userData/archive unless DOSSIER_ARCHIVE says otherwise', () => {
    expect(archiveDir({}, '/home/u/.config/Dossier')).toBe(path.join('/home/u/.config/Dossier', 'archive'));
    expect(archiveDir({ DOSSIER_ARCHIVE: '/tmp/elsewhere' }, '/home/u/.config/Dossier')).toBe(
      path.resolve('/tmp/elsewhere'),
    );
  });
});

describe('opening the archive', () => {
  const deps = () => ({ showErrorBox: vi.fn(), log: vi.fn() });
  const host = () => ({ link: {} as never, stop: vi.fn(async () => undefined) });
  const failing = (code: string, message: string) => {
    const h = host();
    return { h, startHost: async () => ({ host: h, start: { ok: false as const, error: { code, message } } }) };
  };

  it('returns the running host when the archive opens', async () => {
    const h = host();
    const d = deps();
    expect(
      await openAppArchive('/a', {
        ...d,
        startHost: async () => ({ host: h, start: { ok: true, pid: 1, socket: null } }),
      }),
    ).toBe(h);
    expect(d.showErrorBox).not.toHaveBeenCalled();
  });

  it('explains a lock conflict in a dialog, stops the host and returns null instead of crashing', async () => {
    const d = deps();
    const { h, startHost } = failing(
      'conflict',
      'The archive at /a is open in another Dossier process (pid 42); close it first.',
    );
    expect(await openAppArchive('/a', { ...d, startHost })).toBeNull();
    expect(h.stop).toHaveBeenCalled();
    expect(d.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, content] = d.showErrorBox.mock.calls[0];
    expect(title).toMatch(/in use/);
    expect(content).toContain('pid 42');
    expect(d.log).toHaveBeenCalled();
  });

  it('shows other archive errors as their message, and unexpected ones without details', async () => {
    const d = deps();
    await openAppArchive('/a', { ...d, ...failing('corrupt_archive', 'dossier.json is not valid JSON.') });
    expect(d.showErrorBox.mock.calls[0][1]).toContain('dossier.json is not valid JSON.');
    await openAppArchive('/a', { ...d, ...failing('internal', 'The archive host could not start: x is undefined') });
    expect(d.showErrorBox.mock.calls[1][1]).not.toContain('x is undefined');
    await openAppArchive('/a', { ...d, startHost: async () => Promise.reject(new TypeError('no such file')) });
    expect(d.showErrorBox.mock.calls[2][1]).not.toContain('no such file');
  });
});

describe('quitting', () => {
  function fakeApp() {
    const app = Object.assign(new EventEmitter(), {
      quit: vi.fn(() => {
        let cancelled = false;
        app.emit('will-quit', { preventDefault: () => void (cancelled = true) });
        return cancelled;
      }),
    });
    return app;
  }

  it('holds the quit until the host has flushed and closed the archive, then quits', async () => {
    const app = fakeApp();
    const calls: string[] = [];
    const archive = { stop: async () => void calls.push('flush', 'close') };
    closeArchiveOnQuit(app as never, archive, vi.fn());
    const cancelled = (() => {
      let c = false;
      app.emit('will-quit', { preventDefault: () => void (c = true) });
      return c;
    })();
    expect(cancelled).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(calls).toEqual(['flush', 'close']);
    // The second quit goes through, and nothing is closed twice.
    expect(app.quit.mock.results[0].value).toBe(false);
    expect(calls).toEqual(['flush', 'close']);
  });

  it('quits anyway when closing fails or hangs', async () => {
    const app = fakeApp();
    const log = vi.fn();
    const failing = { stop: async () => Promise.reject(new Error('disk full')) };
    closeArchiveOnQuit(app as never, failing, log);
    app.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(log).toHaveBeenCalledWith('could not close the archive cleanly', expect.any(Error));

    const app2 = fakeApp();
    const hanging = { stop: () => new Promise<void>(() => undefined) };
    closeArchiveOnQuit(app2 as never, hanging, vi.fn(), 20);
    app2.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app2.quit).toHaveBeenCalled());
  });
});

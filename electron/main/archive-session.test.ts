import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ArchiveError } from '../../archive/core/errors';
import { archiveDir, closeArchiveOnQuit, openAppArchive } from './archive-session';

vi.mock('electron', () => ({}));

describe('the archive folder', () => {
  it('is userData/archive unless DOSSIER_ARCHIVE says otherwise', () => {
    expect(archiveDir({}, '/home/u/.config/Dossier')).toBe(path.join('/home/u/.config/Dossier', 'archive'));
    expect(archiveDir({ DOSSIER_ARCHIVE: '/tmp/elsewhere' }, '/home/u/.config/Dossier')).toBe(path.resolve('/tmp/elsewhere'));
  });
});

describe('opening the archive', () => {
  const deps = () => ({ showErrorBox: vi.fn(), log: vi.fn() });

  it('returns the archive when it opens', async () => {
    const archive = { dir: '/a' } as never;
    const d = deps();
    expect(await openAppArchive('/a', { ...d, openArchive: async () => archive })).toBe(archive);
    expect(d.showErrorBox).not.toHaveBeenCalled();
  });

  it('explains a lock conflict in a dialog and returns null instead of crashing', async () => {
    const d = deps();
    const openArchive = async () => {
      throw new ArchiveError('conflict', 'The archive at /a is open in another Dossier process (pid 42); close it first.');
    };
    expect(await openAppArchive('/a', { ...d, openArchive })).toBeNull();
    expect(d.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, content] = d.showErrorBox.mock.calls[0];
    expect(title).toMatch(/in use/);
    expect(content).toContain('pid 42');
    expect(d.log).toHaveBeenCalled();
  });

  it('shows other archive errors as their message, and unexpected ones without details', async () => {
    const d = deps();
    await openAppArchive('/a', { ...d, openArchive: async () => Promise.reject(new ArchiveError('corrupt_archive', 'dossier.json is not valid JSON.')) });
    expect(d.showErrorBox.mock.calls[0][1]).toContain('dossier.json is not valid JSON.');
    await openAppArchive('/a', { ...d, openArchive: async () => Promise.reject(new TypeError('x is undefined')) });
    expect(d.showErrorBox.mock.calls[1][1]).not.toContain('x is undefined');
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

  it('holds the quit until the archive is flushed and closed, then quits', async () => {
    const app = fakeApp();
    const calls: string[] = [];
    const archive = { flush: async () => void calls.push('flush'), close: async () => void calls.push('close') } as never;
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
    const failing = { flush: async () => Promise.reject(new Error('disk full')), close: async () => undefined } as never;
    closeArchiveOnQuit(app as never, failing, log);
    app.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(log).toHaveBeenCalledWith('could not close the archive cleanly', expect.any(Error));

    const app2 = fakeApp();
    const hanging = { flush: () => new Promise<void>(() => undefined), close: async () => undefined } as never;
    closeArchiveOnQuit(app2 as never, hanging, vi.fn(), 20);
    app2.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(app2.quit).toHaveBeenCalled());
  });
});

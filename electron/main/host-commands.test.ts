import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron';
import { aboutMessage, exportArchiveWithDialog, importReport, importWithDialog } from './host-commands';
import type { CallArchive } from './ipc';

vi.mock('electron', () => ({}));

function setup(
  choice: { canceled: boolean; filePaths: string[]; filePath?: string },
  outcome: Awaited<ReturnType<CallArchive>>,
) {
  const win = new FakeBrowserWindow({});
  const dialog = {
    showOpenDialog: vi.fn(async () => choice),
    showSaveDialog: vi.fn(async () => choice),
    showMessageBox: vi.fn(async (_win: unknown, _options: Record<string, unknown>) => ({
      response: 0,
      checkboxChecked: false,
    })),
  };
  const dispatch = vi.fn<CallArchive>(async () => outcome);
  const deps = { dialog: dialog as never, call: dispatch };
  return {
    win,
    dialog,
    dispatch,
    run: () => importWithDialog(win as never, deps),
    exportArchive: () => exportArchiveWithDialog(win as never, deps, new Date('2026-11-27T10:00:00Z')),
  };
}

describe('Import… from the File menu', () => {
  it('imports the chosen paths through the trusted import.paths, as the menu', async () => {
    const s = setup(
      { canceled: false, filePaths: ['/x/a.txt', '/x/b.md'] },
      { ok: true, value: { imported: ['i1', 'i2'], skipped: [] } },
    );
    await s.run();
    expect(s.dialog.showOpenDialog).toHaveBeenCalledWith(
      s.win,
      expect.objectContaining({ properties: ['openFile', 'multiSelections'] }),
    );
    const [method, args, ctx] = s.dispatch.mock.calls[0];
    expect(method).toBe('import.paths');
    expect(args).toEqual({ paths: ['/x/a.txt', '/x/b.md'] });
    expect(ctx).toEqual({ trusted: true, by: 'menu' });
    // Progress and the refresh reach the windows as the host's events (host-events-relay), not from here.
    expect(s.win.webContents.sent).toEqual([]);
    expect(s.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const s = setup({ canceled: true, filePaths: [] }, { ok: true, value: null });
    await s.run();
    expect(s.dispatch).not.toHaveBeenCalled();
    expect(s.win.webContents.sent).toEqual([]);
  });

  it('names each file that failed, with its reason', async () => {
    const skipped = [{ file: 'a.pdf', reason: 'unsupported format' }];
    const s = setup(
      { canceled: false, filePaths: ['/x/a.pdf', '/x/b.txt'] },
      { ok: true, value: { imported: ['i1'], skipped } },
    );
    await s.run();
    const [, options] = s.dialog.showMessageBox.mock.calls[0];
    expect(options.message).toBe('Imported 1 item; 1 file could not be imported.');
    expect(options.detail).toBe('• a.pdf: unsupported format');
  });

  it('shows a failed import as its message', async () => {
    const s = setup(
      { canceled: false, filePaths: ['/x/a.txt'] },
      { ok: false, error: { code: 'io_error', message: 'The disk is full.' } },
    );
    await s.run();
    expect(s.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({ type: 'error', detail: 'The disk is full.' });
  });

  it('lists at most fifteen failures', () => {
    const skipped = Array.from({ length: 20 }, (_, i) => ({ file: `f${i}`, reason: 'r' }));
    expect(importReport({ imported: [], skipped }).detail!.split('\n')).toHaveLength(16);
  });
});

describe('Export Archive… from the File menu', () => {
  it('writes the bundle where the user chose, through the trusted export.archive', async () => {
    const s = setup(
      { canceled: false, filePaths: [], filePath: '/x/backup.dossier' },
      { ok: true, value: { out: '/x/backup.dossier', items: 2, bytes: 10 } },
    );
    await s.exportArchive();
    expect(s.dialog.showSaveDialog.mock.calls[0]).toEqual([
      s.win,
      expect.objectContaining({ defaultPath: 'Dossier 2026-11-27.dossier' }),
    ]);
    const [method, args, ctx] = s.dispatch.mock.calls[0];
    expect([method, args, ctx?.trusted]).toEqual(['export.archive', { out: '/x/backup.dossier' }, true]);
    expect(s.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({
      type: 'info',
      detail: '2 items in /x/backup.dossier',
    });
  });

  it('does nothing when the dialog is cancelled', async () => {
    const s = setup({ canceled: true, filePaths: [] }, { ok: true, value: null });
    await s.exportArchive();
    expect(s.dispatch).not.toHaveBeenCalled();
  });
});

describe('About', () => {
  it('names the version and the archive folder', () => {
    const about = aboutMessage({
      version: '1.2.3',
      archiveDir: '/home/u/.config/Dossier/archive',
      versions: { electron: '45.5.0' },
    });
    expect(about.message).toBe('Dossier 1.2.3');
    expect(about.detail).toContain('/home/u/.config/Dossier/archive');
    expect(about.detail).toContain('Electron 45.5.0');
  });
});

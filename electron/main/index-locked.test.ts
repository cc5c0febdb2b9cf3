// The whole main process under Node, finding its archive locked: Electron is faked, the
// archive is real (a temp folder).
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useMainHarness } from './main-harness';
import { openArchive } from '../../archive/api/open-archive';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const { base, startMain } = useMainHarness();

beforeEach(() => vi.spyOn(process.stderr, 'write').mockImplementation(() => true));

describe('the main process', () => {
  it('shows a dialog and quits, with no window, when another writer holds the archive', async () => {
    const dir = path.join(base, 'held');
    const holder = await openArchive(dir);
    try {
      const electron = await startMain(dir);
      electron.app.makeReady();
      await vi.waitFor(() => expect(electron.dialog.errorBoxes).toHaveLength(1), { timeout: 20_000 });
      expect(electron.dialog.errorBoxes[0].title).toMatch(/in use/);
      expect(electron.app.quitCalls).toBe(1);
      expect(electron.BrowserWindow.instances).toHaveLength(0);
      expect(electron.ipcMain.handlers.size).toBe(0);
    } finally {
      await holder.close();
    }
  });
});

// Test support: loads the whole main process under Node with the faked Electron (the test
// file must `vi.mock('electron', ...)` itself; mocks are hoisted per file), its archive a
// real temp folder. The temp folder and DOSSIER_ARCHIVE are restored after the file.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { FakeElectron } from './fake-electron';

export function useMainHarness(): { base: string; startMain: (dir: string) => Promise<FakeElectron> } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'dossier-main-'));
  const savedEnv = process.env.DOSSIER_ARCHIVE;
  afterAll(() => {
    if (savedEnv === undefined) delete process.env.DOSSIER_ARCHIVE;
    else process.env.DOSSIER_ARCHIVE = savedEnv;
    rmSync(base, { recursive: true, force: true });
  });
  return {
    base,
    /** Loads the main process (once per test file); the archive lives in `dir`. */
    async startMain(dir: string): Promise<FakeElectron> {
      process.env.DOSSIER_ARCHIVE = dir;
      const electron = (await import('electron')) as unknown as FakeElectron;
      electron.app.paths.userData = path.join(base, 'userData');
      electron.app.paths.logs = path.join(base, 'logs');
      await import('./index');
      return electron;
    },
  };
}

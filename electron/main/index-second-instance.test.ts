// The whole main process under Node, started while another instance runs.
import { expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => {
  const fake = (await import('./fake-electron')).createFakeElectron();
  fake.app.singleInstance = false;
  return fake;
});

it('quits at once, opening nothing, when another instance is already running', async () => {
  const electron = (await import('electron')) as unknown as FakeElectron;
  await import('./index');
  expect(electron.app.quitCalls).toBe(1);
  expect(electron.app.listenerCount('second-instance')).toBe(0);
  electron.app.makeReady();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(electron.BrowserWindow.instances).toHaveLength(0);
  expect(electron.ipcMain.handlers.size).toBe(0);
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { METHODS, TRUSTED_METHODS } from '../../archive/api/methods';
import { HOST_EVENTS, type HostEvent } from '../../archive/api/host-events';
import type { FakeElectron } from '../main/fake-electron';

vi.mock('electron', async () => (await import('../main/fake-electron')).createFakeElectron());

const electron = (await import('electron')) as unknown as FakeElectron;
await import('./index');

const rendererMethods = METHODS.filter((m) => !(TRUSTED_METHODS as readonly string[]).includes(m));
type Bridge = Record<string, (...args: unknown[]) => unknown>;

function checkBridge(exposed: Map<string, unknown>): Bridge {
  expect([...exposed.keys()]).toEqual(['dossier']);
  const bridge = exposed.get('dossier') as Bridge;
  expect(Object.keys(bridge).sort()).toEqual([...rendererMethods, 'onHostEvent', 'cancelCall'].sort());
  for (const trusted of TRUSTED_METHODS) expect(bridge).not.toHaveProperty(trusted);
  for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  return bridge;
}

describe('the preload (source)', () => {
  it('exposes window.dossier with exactly the renderer’s contract methods plus onHostEvent and cancelCall', () => {
    checkBridge(electron.contextBridge.exposed);
  });

  it('never hands over ipcRenderer or anything of it', () => {
    const bridge = electron.contextBridge.exposed.get('dossier') as Bridge;
    for (const value of Object.values(bridge)) expect(value).not.toBe(electron.ipcRenderer);
    expect(Object.keys(bridge)).not.toEqual(expect.arrayContaining(['invoke', 'send', 'on', 'ipcRenderer']));
  });

  it('turns each method into an invoke on dossier:<method> with the arguments and the call’s number, and nothing more', async () => {
    const bridge = electron.contextBridge.exposed.get('dossier') as Bridge;
    electron.ipcRenderer.invoked.length = 0;
    for (const method of rendererMethods) {
      await bridge[method]({ probe: method }, 5, 'extra ignored');
    }
    expect(electron.ipcRenderer.invoked).toEqual(
      rendererMethods.map((m) => ({ channel: `dossier:${m}`, args: { probe: m }, callId: 5 })),
    );
  });

  it('withdraws a call by sending its number on dossier-cancel, and nothing more', () => {
    const bridge = electron.contextBridge.exposed.get('dossier') as Bridge;
    bridge.cancelCall(5, 'extra ignored');
    expect(electron.ipcRenderer.sent).toEqual([{ channel: 'dossier-cancel', args: [5] }]);
  });

  it('forwards only the whitelisted host events, without the IPC event, and unsubscribes', () => {
    const bridge = electron.contextBridge.exposed.get('dossier') as Bridge;
    const seen: HostEvent[] = [];
    const unsubscribe = bridge.onHostEvent((event: HostEvent) => seen.push(event)) as () => void;
    const ipcEvent = { sender: electron.ipcRenderer, senderFrame: {} };
    electron.ipcRenderer.emit('dossier:changed', ipcEvent, { reason: 'import', imported: ['a'], skipped: [] });
    electron.ipcRenderer.emit('dossier:menu', ipcEvent, { command: 'export-notes' });
    electron.ipcRenderer.emit('dossier:secret', ipcEvent, { anything: true });
    expect(seen).toEqual([
      { name: 'dossier:changed', payload: { reason: 'import', imported: ['a'], skipped: [] } },
      { name: 'dossier:menu', payload: { command: 'export-notes' } },
    ]);
    expect(JSON.stringify(seen)).not.toContain('sender');
    unsubscribe();
    for (const name of HOST_EVENTS) expect(electron.ipcRenderer.listenerCount(name)).toBe(0);
    electron.ipcRenderer.emit('dossier:menu', ipcEvent, { command: 'export-notes' });
    expect(seen).toHaveLength(2);
  });
});

// The built file is what Electron loads: CommonJS, requiring nothing but electron. Checked
// when `npm run build` has produced it from the current sources (a stale build is skipped).
const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.resolve(here, '../../out/preload/index.cjs');
const sources = [
  path.join(here, 'index.ts'),
  path.resolve(here, '../../archive/api/host-events.ts'),
  path.resolve(here, '../../archive/api/methods.ts'),
];
const upToDate = existsSync(built) && sources.every((file) => statSync(file).mtimeMs <= statSync(built).mtimeMs);

describe.skipIf(!upToDate)('the preload (built out/preload/index.cjs)', () => {
  it('is CommonJS that requires only electron and exposes the same surface', () => {
    const fake = {
      ...electron,
      contextBridge: {
        exposed: new Map<string, unknown>(),
        exposeInMainWorld(k: string, v: unknown) {
          this.exposed.set(k, v);
        },
      },
    };
    const required: string[] = [];
    const module = { exports: {} };
    const code = readFileSync(built, 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    vm.runInNewContext(code, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`the preload may not require ${name}`);
        return fake;
      },
    });
    expect([...new Set(required)]).toEqual(['electron']);
    checkBridge(fake.contextBridge.exposed);
  });
});

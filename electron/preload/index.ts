// The sandboxed preload (built as CommonJS): exposes `window.dossier`, one function per
// contract method a renderer may call plus `onHostEvent`, the host's only other surface.
// It is a table with no logic; ipcRenderer itself never crosses the bridge.

import { contextBridge, ipcRenderer } from 'electron';
import { METHODS, TRUSTED_METHODS, type Method } from '../../archive/api/methods';
import type { DossierApi } from '../../archive/api/contract';
import { HOST_EVENTS, METHOD_CHANNEL_PREFIX, type HostEvent, type OnHostEvent } from './host-events';

/**
 * Host-only methods, as a type: exact once archive/api/methods.ts types TRUSTED_METHODS as
 * a tuple of literals; while it is `readonly Method[]` this is never (nothing omitted from
 * the type). The runtime table below always leaves them out; index.test.ts checks that.
 */
type Trusted = (typeof TRUSTED_METHODS)[number];
type TrustedMethod = Method extends Trusted ? never : Trusted;

/** The contract as a renderer sees it: every method except the host-only ones. */
export type RendererApi = Omit<DossierApi, TrustedMethod>;

/** What `window.dossier` is in the desktop app. */
export type DesktopBridge = RendererApi & { onHostEvent: OnHostEvent };

const rendererMethods = METHODS.filter((m) => !(TRUSTED_METHODS as readonly Method[]).includes(m)) as Array<Exclude<Method, TrustedMethod>>;

const methods = Object.fromEntries(
  rendererMethods.map((method) => [method, (args: unknown) => ipcRenderer.invoke(METHOD_CHANNEL_PREFIX + method, args)]),
) as RendererApi;

const onHostEvent: OnHostEvent = (listener) => {
  // The IpcRendererEvent (which holds the sender) is dropped: only the payload crosses.
  const subscriptions = HOST_EVENTS.map((name) => {
    const forward = (_event: unknown, payload: unknown) => listener({ name, payload } as HostEvent);
    ipcRenderer.on(name, forward);
    return () => void ipcRenderer.removeListener(name, forward);
  });
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
};

contextBridge.exposeInMainWorld('dossier', { ...methods, onHostEvent } satisfies DesktopBridge);

// The sandboxed preload (built as CommonJS): exposes `window.dossier`, one function per
// contract method a renderer may call plus `onHostEvent`, the host's only other surface.
// It is a table with no logic; ipcRenderer itself never crosses the bridge.

import { contextBridge, ipcRenderer } from 'electron';
import { RENDERER_METHODS, type RendererMethod } from '../../archive/api/methods';
import type { DossierApi } from '../../archive/api/contract';
import { CANCEL_CHANNEL, HOST_EVENTS, METHOD_CHANNEL_PREFIX, type HostEvent, type OnHostEvent } from './host-events';

/** The contract as a renderer sees it: every method except the host-only ones. */
export type RendererApi = Pick<DossierApi, RendererMethod>;

/** Withdraws the call that was given this number (the main process checks it). */
export type CancelCall = (callId: number) => void;

/** What `window.dossier` is in the desktop app. */
export type DesktopBridge = RendererApi & { onHostEvent: OnHostEvent; cancelCall: CancelCall };

// A call may carry a number of the renderer's choosing, by which `cancelCall` withdraws it.
const methods = Object.fromEntries(
  RENDERER_METHODS.map((method) => [method, (args: unknown, callId?: number) => ipcRenderer.invoke(METHOD_CHANNEL_PREFIX + method, args, callId)]),
) as RendererApi;

const cancelCall: CancelCall = (callId) => ipcRenderer.send(CANCEL_CHANNEL, callId);

const onHostEvent: OnHostEvent = (listener) => {
  // The IpcRendererEvent (which holds the sender) is dropped: only the payload crosses.
  const subscriptions = HOST_EVENTS.map((name) => {
    const forward = (_event: unknown, payload: unknown) => listener({ name, payload } as HostEvent);
    ipcRenderer.on(name, forward);
    return () => void ipcRenderer.removeListener(name, forward);
  });
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
};

contextBridge.exposeInMainWorld('dossier', { ...methods, onHostEvent, cancelCall } satisfies DesktopBridge);

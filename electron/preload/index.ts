// The sandboxed preload (built as CommonJS): exposes `window.dossier`, one function per
// contract method a renderer may call plus `onHostEvent`, the host's only other surface.
// It is a table with no logic; ipcRenderer itself never crosses the bridge.

import { contextBridge, ipcRenderer } from 'electron';
import { RENDERER_METHODS } from '../../archive/api/methods';
import {
  CANCEL_CHANNEL,
  HOST_EVENTS,
  METHOD_CHANNEL_PREFIX,
  type CancelCall,
  type DesktopBridge,
  type HostEvent,
  type OnHostEvent,
  type RendererApi,
} from '../../archive/api/host-events';

// A call may carry a number of the renderer's choosing, by which `cancelCall` withdraws it.
const methods = Object.fromEntries(
  RENDERER_METHODS.map((method) => [
    method,
    (args: unknown, callId?: number) => ipcRenderer.invoke(METHOD_CHANNEL_PREFIX + method, args, callId),
  ]),
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

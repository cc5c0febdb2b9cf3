// Binds the contract to IPC: one `ipcMain.handle('dossier:<method>')` per method a
// renderer may call (never the host-only ones), each refusing a sender frame that is not
// the app's own page before anything reaches dispatch(). Also the typed host → renderer send.

import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { RENDERER_METHODS, type Method } from '../../archive/api/methods';
import type { Outcome } from '../../archive/api/types';
import type { Archive } from '../../archive/core/archive';
import type { DispatchContext } from '../../archive/api/dispatch';
import { METHOD_CHANNEL_PREFIX, type HostEventName, type HostEventPayloads } from '../preload/host-events';
import { isAppUrl, type AppOrigin } from './app-origin';

/** The shape of archive/api/dispatch's `dispatch`, injected so tests can watch it. */
export type Dispatch = (archive: Archive, method: Method, args: unknown, ctx?: DispatchContext) => Promise<Outcome<unknown>>;

export { RENDERER_METHODS };

export const FOREIGN_SENDER: Outcome<never> = {
  ok: false,
  error: { code: 'invalid_argument', message: 'This call did not come from a Dossier window, so it was refused.' },
};

/** True when the IPC message comes from a live frame showing one of the app's own pages. */
export function isAppSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: AppOrigin): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && !frame.isDestroyed() && isAppUrl(frame.url, origin);
}

export interface BindOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  origin: AppOrigin;
  archive: () => Archive;
  dispatch: Dispatch;
  log: DispatchContext['log'];
}

/** Binds every renderer method; returns a function that unbinds them all. */
export function bindContract({ ipcMain, origin, archive, dispatch, log }: BindOptions): () => void {
  for (const method of RENDERER_METHODS) {
    ipcMain.handle(METHOD_CHANNEL_PREFIX + method, async (event, args: unknown) => {
      if (!isAppSender(event, origin)) return FOREIGN_SENDER;
      // Long runs report progress to the page that asked (the fetch too: "Fetch all bookmarks").
      const onProgress =
        method === 'import.files' || method === 'items.fetch'
          ? (done: number, total: number) => sendHostEvent(event.sender, 'dossier:progress', { done, total })
          : undefined;
      return dispatch(archive(), method, args, { trusted: false, onProgress, log });
    });
  }
  return () => RENDERER_METHODS.forEach((method) => ipcMain.removeHandler(METHOD_CHANNEL_PREFIX + method));
}

/** Sends one of the whitelisted host events to a renderer, if it is still there. */
export function sendHostEvent<N extends HostEventName>(contents: WebContents | null | undefined, name: N, payload: HostEventPayloads[N]): void {
  if (contents && !contents.isDestroyed()) contents.send(name, payload);
}

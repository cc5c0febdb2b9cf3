// Binds the contract to IPC: one `ipcMain.handle('dossier:<method>')` per method a
// renderer may call (never the host-only ones), each refusing a sender frame that is not
// the app's own page before anything is forwarded to the archive host, and naming the
// calling window so that the host's change events skip the window that made the change.
// A call the renderer numbered can be withdrawn on `dossier-cancel` by that window alone,
// which aborts it in the host (a superseded search stops instead of running to the end).
// Also the typed host → renderer send.

import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { RENDERER_METHODS, type Method } from '../../archive/api/methods';
import type { Outcome } from '../../archive/api/types';
import type { LinkCall } from '../../archive/host/host-link';
import {
  CANCEL_CHANNEL,
  METHOD_CHANNEL_PREFIX,
  type HostEventName,
  type HostEventPayloads,
} from '../../archive/api/host-events';
import { isAppUrl, type AppOrigin } from './app-origin';
import { consentQuestion, type ConsentQuestion } from './consent';

/** One contract call, run by the archive host (in its own process) with the given trust. */
export type CallArchive = (method: Method, args: unknown, call: LinkCall) => Promise<Outcome<unknown>>;

export { RENDERER_METHODS };

export const FOREIGN_SENDER: Outcome<never> = {
  ok: false,
  error: { code: 'invalid_argument', message: 'This call did not come from a Dossier window, so it was refused.' },
};

/** How the host names a window's calls (and so its changes). */
export function windowCaller(contents: Pick<WebContents, 'id'>): string {
  return `window:${contents.id}`;
}

/** True when the IPC message comes from a live frame showing one of the app's own pages. */
export function isAppSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: AppOrigin): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && !frame.isDestroyed() && isAppUrl(frame.url, origin);
}

/** Asked before the archive host hears a call that needs the user's consent (consent.ts). */
export type AskUser = (question: ConsentQuestion, contents: WebContents) => Promise<boolean>;

export const DECLINED: Outcome<never> = {
  ok: false,
  error: { code: 'cancelled', message: 'You chose not to; nothing was changed.' },
};

export interface BindOptions {
  /** Without it, a call that needs consent is declined. */
  ask?: AskUser;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> & {
    on(channel: string, listener: (event: IpcMainEvent, callId: unknown) => void): unknown;
    removeListener(channel: string, listener: (event: IpcMainEvent, callId: unknown) => void): unknown;
  };
  origin: AppOrigin;
  call: CallArchive;
}

/** Binds every renderer method; returns a function that unbinds them all. */
export function bindContract({ ipcMain, origin, call, ask }: BindOptions): () => void {
  // Calls that can still be withdrawn, by window and the number that window gave them.
  const running = new Map<string, AbortController>();
  const key = (sender: Pick<WebContents, 'id'> | undefined, callId: number) => `${sender?.id}:${callId}`;
  for (const method of RENDERER_METHODS) {
    ipcMain.handle(METHOD_CHANNEL_PREFIX + method, async (event, args: unknown, callId?: unknown) => {
      if (!isAppSender(event, origin)) return FOREIGN_SENDER;
      const question = consentQuestion(method, args);
      if (question && !(ask && event.sender && (await ask(question, event.sender)))) return DECLINED;
      const by = event.sender ? windowCaller(event.sender) : null;
      if (!Number.isSafeInteger(callId)) return call(method, args, { trusted: false, by });
      const id = key(event.sender, callId as number);
      const controller = new AbortController();
      running.set(id, controller);
      try {
        return await call(method, args, { trusted: false, by, signal: controller.signal });
      } finally {
        if (running.get(id) === controller) running.delete(id);
      }
    });
  }
  const cancel = (event: IpcMainEvent, callId: unknown) => {
    if (!isAppSender(event, origin) || !Number.isSafeInteger(callId)) return;
    running.get(key(event.sender, callId as number))?.abort();
  };
  ipcMain.on(CANCEL_CHANNEL, cancel);
  return () => {
    RENDERER_METHODS.forEach((method) => ipcMain.removeHandler(METHOD_CHANNEL_PREFIX + method));
    ipcMain.removeListener(CANCEL_CHANNEL, cancel);
    running.forEach((controller) => controller.abort());
  };
}

/** Sends one of the whitelisted host events to a renderer, if it is still there. */
export function sendHostEvent<N extends HostEventName>(
  contents: WebContents | null | undefined,
  name: N,
  payload: HostEventPayloads[N],
): void {
  if (contents && !contents.isDestroyed()) contents.send(name, payload);
}

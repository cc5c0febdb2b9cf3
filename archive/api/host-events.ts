// The only things the desktop host says to the renderer without being asked, and what
// `window.dossier` is: a fixed list of event channels with their payloads, and the bridge's
// type. Plain data and types, shared by the Electron main (which sends), the preload (which
// forwards only these channels) and the renderer (which listens).

import type { DossierApi } from './contract';
import type { RendererMethod } from './methods';
import type { ImportSummary } from './types';

/** Every channel the preload forwards to `window.dossier.onHostEvent`; nothing else is. */
export const HOST_EVENTS = ['dossier:changed', 'dossier:menu', 'dossier:progress'] as const;

export type HostEventName = (typeof HOST_EVENTS)[number];

/** What the menu asks the renderer to do (the renderer owns those dialogs). */
export const MENU_COMMANDS = ['export-notes', 'focus-search', 'restore-backup'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface HostEventPayloads {
  /**
   * The archive changed behind the renderer's back (an import from the File menu, an edit in
   * another window or from the `dossier` command): refresh.
   */
  'dossier:changed':
    { reason: 'import'; imported: string[]; skipped: ImportSummary['skipped'] } | { reason: 'edit'; method: string };
  /** A menu item the renderer handles. */
  'dossier:menu': { command: MenuCommand };
  /** Progress of a long import, wherever it was started (the menu, a window, the CLI). */
  'dossier:progress': { done: number; total: number };
}

export type HostEvent = { [N in HostEventName]: { name: N; payload: HostEventPayloads[N] } }[HostEventName];

/** `window.dossier.onHostEvent(listener)` subscribes; the returned function unsubscribes. */
export type OnHostEvent = (listener: (event: HostEvent) => void) => () => void;

/** The prefix of every contract channel: `dossier:<method>`. */
export const METHOD_CHANNEL_PREFIX = 'dossier:';

/** The contract as a renderer sees it: every method except the host-only ones. */
export type RendererApi = Pick<DossierApi, RendererMethod>;

/** What `window.dossier` is in the desktop app. */
export type DesktopBridge = RendererApi & { onHostEvent: OnHostEvent; cancelCall: CancelCall };

/** Withdraws the call that was given this number (the main process checks the window). */
export type CancelCall = (callId: number) => void;

/**
 * The renderer withdraws a call it no longer wants (a search superseded by the next
 * keystroke) by the number it gave that call; outside the `dossier:` prefix, so no method
 * can be named so.
 */
export const CANCEL_CHANNEL = 'dossier-cancel';

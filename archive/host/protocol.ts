// The messages of the archive host's protocol, the same over the local socket (as frames)
// and over the desktop app's MessagePort (as structured clones). A socket client first
// proves it is the user (`hello` with the token only the user can read); then it calls
// methods, cancels calls, and may subscribe to events.

import type { ArchiveEvent } from '../api/events';
import type { Outcome } from '../api/types';

export const PROTOCOL_VERSION = 1;

export type ClientMessage =
  | { type: 'hello'; token: string; version: number }
  | { type: 'call'; id: number; method: string; args: unknown; trusted?: boolean; by?: string | null }
  | { type: 'cancel'; id: number }
  | { type: 'subscribe' }
  | { type: 'close' };

export type HostMessage =
  | { type: 'welcome'; pid: number; version: number }
  | { type: 'refused'; message: string }
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; event: ArchiveEvent }
  | { type: 'ready'; pid: number; socket: string | null }
  | { type: 'failed'; error: { code: string; message: string } }
  | { type: 'closed' };

/** Narrows an incoming value to a client message, or null for anything malformed. */
export function asClientMessage(value: unknown): ClientMessage | null {
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
      return typeof m.token === 'string' && typeof m.version === 'number' ? (m as ClientMessage) : null;
    case 'call':
      return Number.isSafeInteger(m.id) && typeof m.method === 'string' ? (m as ClientMessage) : null;
    case 'cancel':
      return Number.isSafeInteger(m.id) ? (m as ClientMessage) : null;
    case 'subscribe':
    case 'close':
      return m as ClientMessage;
    default:
      return null;
  }
}

// The parent's side of a host process (the desktop main's side of its utility process):
// contract calls sent over a port with the caller's trust and name, answers matched by id,
// events handed to listeners, `ready`/`failed` once at start, `close` to flush and stop.
// Knows nothing of Electron: the port is anything that posts messages and delivers them.

import type { ArchiveEvent } from '../api/events';
import type { Outcome } from '../api/types';
import type { ClientMessage, HostMessage } from './protocol';

export interface LinkPort {
  post(message: ClientMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
}

export interface LinkCall {
  trusted: boolean;
  /** Who asked (a window), so that its own change is not announced back to it. */
  by?: string | null;
  signal?: AbortSignal;
}

export type HostStart =
  { ok: true; pid: number; socket: string | null } | { ok: false; error: { code: string; message: string } };

const gone: Outcome<never> = {
  ok: false,
  error: { code: 'io_error', message: 'The archive process stopped; restart Dossier.' },
};

export class HostLink {
  private readonly pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  private readonly listeners = new Set<(event: ArchiveEvent) => void>();
  private nextId = 0;
  private stopped = false;
  private closedWaiters: Array<() => void> = [];
  /** Resolves once the host has opened the archive, or failed to. */
  readonly started: Promise<HostStart>;
  private settle!: (start: HostStart) => void;

  constructor(private readonly port: LinkPort) {
    this.started = new Promise((resolve) => (this.settle = resolve));
    const settle = (start: HostStart) => this.settle(start);
    port.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          return settle({ ok: true, pid: message.pid, socket: message.socket });
        case 'failed':
          return settle({ ok: false, error: message.error });
        case 'result': {
          const resolve = this.pending.get(message.id);
          this.pending.delete(message.id);
          return resolve?.(message.outcome);
        }
        case 'event':
          for (const listener of this.listeners) listener(message.event);
          return;
        case 'closed':
          return this.gone();
      }
    });
  }

  call(method: string, args: unknown, { trusted, by = null, signal }: LinkCall): Promise<Outcome<unknown>> {
    if (this.stopped) return Promise.resolve(gone);
    if (signal?.aborted)
      return Promise.resolve({ ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } });
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.port.post({ type: 'call', id, method, args, trusted, by });
      signal?.addEventListener('abort', () => this.port.post({ type: 'cancel', id }), { once: true });
    });
  }

  onEvent(listener: (event: ArchiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the host to flush and close the archive; resolves when it says it has (or is gone). */
  close(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    this.port.post({ type: 'close' });
    return done;
  }

  /** The host process ended (or said it closed): every waiting call fails, politely. */
  gone(): void {
    this.stopped = true;
    this.settle({
      ok: false,
      error: { code: 'internal', message: 'The archive process ended before it opened the archive.' },
    });
    for (const resolve of this.pending.values()) resolve(gone);
    this.pending.clear();
    this.closedWaiters.forEach((resolve) => resolve());
    this.closedWaiters = [];
  }
}

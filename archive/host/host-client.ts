// Reaches the host that holds an archive, if one is running: reads the token (only the user
// can), connects to the socket and says hello. `connectHost` answers null when no host is
// there (no token, nothing listening, a socket left by a crash), so the caller opens the
// archive itself. Calls resolve with an Outcome; a lost host is an `io_error`, not a throw.

import net from 'node:net';
import { promises as fs } from 'node:fs';
import { encodeFrame, FrameReader } from './frames';
import { socketPath, tokenPath } from './endpoint';
import { PROTOCOL_VERSION, type ClientMessage, type HostMessage } from './protocol';
import type { ArchiveEvent } from '../api/events';
import type { Outcome } from '../api/types';

const CONNECT_TIMEOUT_MS = 2_000;

export interface HostClient {
  /** The host's process id once it has let this client in; null if it refused the token. */
  readonly welcomed: Promise<number | null>;
  call(method: string, args: unknown, options?: { signal?: AbortSignal }): Promise<Outcome<unknown>>;
  /** Subscribes to the host's events (the first listener asks the host for them). */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  close(): void;
}

const lost: Outcome<never> = {
  ok: false,
  error: { code: 'io_error', message: 'The Dossier process holding the archive went away before it answered.' },
};
const cancelled: Outcome<never> = { ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } };

/**
 * Connects to the archive's host, or answers null when none is listening. The hello and
 * the first calls go out together without waiting for the welcome (one round trip less:
 * a forwarded command pays for one exchange); the host answers them in order, so a
 * refused hello means no call ran, and each answers with the refusal.
 */
export async function connectHost(dir: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<HostClient | null> {
  let token: string;
  try {
    token = (await fs.readFile(tokenPath(dir), 'utf8')).trim();
  } catch {
    return null;
  }
  const conn = net.createConnection(socketPath(dir));
  const connected = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(ok: boolean) {
      clearTimeout(timer);
      conn.off('error', failed);
      conn.off('connect', succeeded);
      resolve(ok);
    }
    const failed = () => done(false);
    const succeeded = () => done(true);
    conn.once('error', failed);
    conn.once('connect', succeeded);
  });
  if (!connected) {
    conn.destroy();
    return null;
  }

  const reader = new FrameReader();
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  const listeners = new Set<(event: ArchiveEvent) => void>();
  let nextId = 0;
  let subscribed = false;
  let closed = false;
  let refusal: Outcome<never> | null = null;
  let settleWelcome!: (pid: number | null) => void;
  const welcomed = new Promise<number | null>((resolve) => (settleWelcome = resolve));
  let greeted = false;
  const send = (message: ClientMessage) => {
    if (!closed && !conn.destroyed) conn.write(encodeFrame(message));
  };
  const failAll = (outcome: Outcome<never>) => {
    for (const resolve of pending.values()) resolve(outcome);
    pending.clear();
  };

  function receive(message: HostMessage): void {
    if (!greeted) {
      greeted = true;
      if (message.type === 'welcome') return settleWelcome(message.pid);
      refusal = {
        ok: false,
        error: {
          code: 'conflict',
          message:
            message.type === 'refused'
              ? message.message
              : 'The Dossier process holding the archive did not let this command in.',
        },
      };
      settleWelcome(null);
      failAll(refusal);
      conn.destroy();
      return;
    }
    if (message.type === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.outcome);
    } else if (message.type === 'event') {
      for (const listener of listeners) listener(message.event);
    }
  }

  conn.on('data', (chunk: Buffer) => {
    try {
      for (const frame of reader.push(chunk)) receive(frame as HostMessage);
    } catch {
      conn.destroy();
    }
  });
  conn.on('error', () => undefined);
  conn.on('close', () => {
    closed = true;
    settleWelcome(null);
    failAll(refusal ?? lost);
  });
  send({ type: 'hello', token, version: PROTOCOL_VERSION });

  return {
    welcomed,
    call(method, args, options = {}) {
      if (refusal) return Promise.resolve(refusal);
      if (closed) return Promise.resolve(lost);
      if (options.signal?.aborted) return Promise.resolve(cancelled);
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, method, args });
        options.signal?.addEventListener('abort', () => send({ type: 'cancel', id }), { once: true });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!subscribed) {
        subscribed = true;
        send({ type: 'subscribe' });
      }
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      conn.end();
      failAll(lost);
    },
  };
}

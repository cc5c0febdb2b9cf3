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
  /** The host's process id. */
  readonly pid: number;
  call(method: string, args: unknown, options?: { signal?: AbortSignal }): Promise<Outcome<unknown>>;
  /** Subscribes to the host's events (the first listener asks the host for them). */
  onEvent(listener: (event: ArchiveEvent) => void): () => void;
  close(): void;
}

const lost: Outcome<never> = { ok: false, error: { code: 'io_error', message: 'The Dossier process holding the archive went away before it answered.' } };
const cancelled: Outcome<never> = { ok: false, error: { code: 'cancelled', message: 'The call was cancelled.' } };

export async function connectHost(dir: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<HostClient | null> {
  let token: string;
  try {
    token = (await fs.readFile(tokenPath(dir), 'utf8')).trim();
  } catch {
    return null;
  }
  const conn = net.createConnection(socketPath(dir));
  const reader = new FrameReader();
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  const listeners = new Set<(event: ArchiveEvent) => void>();
  let nextId = 0;
  let subscribed = false;
  let closed = false;
  const send = (message: ClientMessage) => {
    if (!closed && !conn.destroyed) conn.write(encodeFrame(message));
  };

  const welcome = await new Promise<{ pid: number } | null>((resolve) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    function done(value: { pid: number } | null) {
      clearTimeout(timer);
      conn.off('error', failed);
      resolve(value);
    }
    function failed() {
      done(null);
    }
    conn.once('error', failed);
    conn.once('close', failed);
    conn.once('connect', () => send({ type: 'hello', token, version: PROTOCOL_VERSION }));
    conn.on('data', function first(chunk: Buffer) {
      let frames: unknown[];
      try {
        frames = reader.push(chunk);
      } catch {
        return done(null);
      }
      const message = frames.shift() as HostMessage | undefined;
      if (!message) return;
      conn.off('data', first);
      conn.off('close', failed);
      if (message.type !== 'welcome') return done(null);
      done({ pid: message.pid });
      for (const rest of frames) receive(rest as HostMessage);
    });
  });
  if (!welcome) {
    conn.destroy();
    return null;
  }

  function receive(message: HostMessage): void {
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
    for (const resolve of pending.values()) resolve(lost);
    pending.clear();
  });

  return {
    pid: welcome.pid,
    call(method, args, options = {}) {
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
      for (const resolve of pending.values()) resolve(lost);
      pending.clear();
    },
  };
}

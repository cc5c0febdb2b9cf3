// The archive host's local socket: a Unix socket (or a Windows named pipe) that only the
// user can reach, beside a token only the user can read. A client must send the token in
// its first message within a few seconds, or it is cut off; then it runs contract calls
// (trusted: it is the user, like the CLI itself) and may subscribe to change and progress
// events. Started only by the process that holds the archive's lock, so a socket left by a
// crashed host is stale and replaced.

import net from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodeFrame, FrameReader } from './frames';
import { ensurePrivateDir, hostDir, socketPath, tokenPath } from './endpoint';
import { asClientMessage, PROTOCOL_VERSION, type HostMessage } from './protocol';
import { ClientCalls } from './calls';
import type { ArchiveService } from './service';

const HELLO_TIMEOUT_MS = 3_000;

export interface RunningHost {
  socket: string;
  /** Clients connected and authenticated now. */
  clients(): number;
  close(): Promise<void>;
}

export interface HostServerOptions {
  dir: string;
  service: ArchiveService;
  helloTimeoutMs?: number;
}

/** Writes the token for the user alone: created 0600 under a temporary name, then renamed. */
async function writeToken(file: string, token: string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, token, { mode: 0o600, flag: 'wx' });
  await fs.rename(tmp, file);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHostServer({
  dir,
  service,
  helloTimeoutMs = HELLO_TIMEOUT_MS,
}: HostServerOptions): Promise<RunningHost> {
  const socket = socketPath(dir);
  await ensurePrivateDir(hostDir(dir));
  if (process.platform !== 'win32') {
    await ensurePrivateDir(path.dirname(socket));
    // We hold the archive's lock: a socket still here was left by a host that died.
    await fs.rm(socket, { force: true });
  }
  const token = randomBytes(32).toString('base64url');
  const live = new Set<net.Socket>();
  let authenticated = 0;
  let serial = 0;

  const server = net.createServer((conn) => {
    live.add(conn);
    const reader = new FrameReader();
    const send = (message: HostMessage) => {
      if (!conn.destroyed) conn.write(encodeFrame(message));
    };
    const calls = new ClientCalls(service, send, { trusted: true, by: `socket:${++serial}` });
    let welcomed = false;
    let refused = false;
    let unsubscribe: (() => void) | null = null;
    const timer = setTimeout(() => conn.destroy(), helloTimeoutMs);

    conn.on('data', (chunk: Buffer) => {
      if (refused) return;
      let frames: unknown[];
      try {
        frames = reader.push(chunk);
      } catch {
        conn.destroy();
        return;
      }
      for (const frame of frames) {
        const message = asClientMessage(frame);
        if (!message) return void conn.destroy();
        if (!welcomed) {
          if (message.type !== 'hello' || !sameToken(message.token, token)) {
            refused = true;
            send({ type: 'refused', message: 'This client could not prove it belongs to the archive’s user.' });
            conn.end();
            return;
          }
          welcomed = true;
          authenticated += 1;
          clearTimeout(timer);
          send({ type: 'welcome', pid: process.pid, version: PROTOCOL_VERSION });
          continue;
        }
        if (message.type === 'call') calls.start(message.id, message.method, message.args);
        else if (message.type === 'cancel') calls.cancel(message.id);
        else if (message.type === 'subscribe') unsubscribe ??= service.on((event) => send({ type: 'event', event }));
        else if (message.type === 'close') conn.end();
      }
    });
    conn.on('error', () => undefined); // a client that vanishes mid-write is not our failure
    conn.on('close', () => {
      clearTimeout(timer);
      live.delete(conn);
      if (welcomed) authenticated -= 1;
      unsubscribe?.();
      calls.abandon();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (process.platform !== 'win32') await fs.chmod(socket, 0o600);
  await writeToken(tokenPath(dir), token);

  let closing: Promise<void> | null = null;
  return {
    socket,
    clients: () => authenticated,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const conn of live) conn.destroy();
        await stopped;
        // Only our own token goes: a later host may already have written its own.
        const current = await fs.readFile(tokenPath(dir), 'utf8').catch(() => null);
        if (current === token) await fs.rm(tokenPath(dir), { force: true });
        if (process.platform !== 'win32') await fs.rm(socket, { force: true }).catch(() => undefined);
      })();
      return closing;
    },
  };
}

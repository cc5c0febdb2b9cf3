// The archive host as a process of its own: the desktop app's Electron utility process,
// and just as well a child started with child_process.fork. It opens the archive named on
// its command line as the one writer, serves it on the local socket (so the CLI reaches
// it), and speaks the host protocol with its parent over a port: calls carrying the
// caller's trust and name, answers and events back, `close` to flush, close and exit.
// It reports `ready` (or `failed` with the reason) once, after opening.

import { openArchive } from '../api/open-archive';
import { ArchiveError } from '../core/errors';
import { ArchiveService } from './service';
import { startAppListener } from '../clipper/app-listener';
import { startHostServer, type RunningHost } from './host-server';
import { ClientCalls } from './calls';
import { asClientMessage, type HostMessage } from './protocol';

interface ParentPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onGone(listener: () => void): void;
}

/** Electron's utility-process port: messages arrive as events; the first may carry a MessagePort. */
interface ElectronPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports?: ElectronPortLike[] }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start?(): void;
}

/** How this process talks to whoever started it, or null when nobody did. */
function parentPort(): ParentPort | null {
  const electron = (process as unknown as { parentPort?: ElectronPortLike }).parentPort;
  if (electron) {
    // The desktop main hands over a MessagePort for the contract; until then, and for
    // anything sent directly, the utility process's own port is used the same way.
    let target: ElectronPortLike = electron;
    const listeners: Array<(message: unknown) => void> = [];
    const gone: Array<() => void> = [];
    const deliver = (data: unknown) => listeners.forEach((l) => l(data));
    electron.on('message', (e) => {
      const port = e.ports?.[0];
      if (port) {
        target = port;
        port.on('message', (m) => deliver(m.data));
        port.on('close', () => gone.forEach((g) => g()));
        port.start?.();
      }
      if (e.data && (e.data as { type?: string }).type !== 'port') deliver(e.data);
    });
    return {
      post: (message) => target.postMessage(message),
      onMessage: (listener) => void listeners.push(listener),
      onGone: (listener) => void gone.push(listener),
    };
  }
  if (typeof process.send === 'function') {
    return {
      post: (message) => void process.send?.(message),
      onMessage: (listener) => void process.on('message', listener),
      onGone: (listener) => void process.on('disconnect', listener),
    };
  }
  return null;
}

function failure(error: unknown): { code: string; message: string } {
  if (error instanceof ArchiveError) return { code: error.code, message: error.message };
  return {
    code: 'internal',
    message: `The archive host could not start: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`,
  };
}

async function main(): Promise<void> {
  const parent = parentPort();
  const dir = process.argv[2] ?? process.env.DOSSIER_ARCHIVE;
  const post = (message: HostMessage) => parent?.post(message);
  const log = (error: unknown, what: string) =>
    process.stderr.write(`[dossier host] ${what} failed: ${(error as Error)?.stack ?? String(error)}\n`);
  if (!dir) {
    post({
      type: 'failed',
      error: { code: 'invalid_argument', message: 'The archive host was started without an archive folder.' },
    });
    process.exitCode = 2;
    return;
  }

  let archive;
  try {
    archive = await openArchive(dir);
  } catch (error) {
    post({ type: 'failed', error: failure(error) });
    // Give the message time to leave; a port listener would otherwise keep us alive.
    setTimeout(() => process.exit(1), 200).unref();
    process.exitCode = 1;
    return;
  }
  const service = new ArchiveService(archive, log);
  // The browser extension's listener lives with the archive (off unless its setting is on).
  const clipper = startAppListener({
    archive,
    call: (method, args) => service.call(method, args, { trusted: false, by: 'extension' }),
    log: (message) => process.stderr.write(`[dossier host] ${message}\n`),
  });
  service.clipper = clipper;
  // Sync rounds after edits and on a timer, when a target is set and sync is on.
  service.sync.start();
  const host: RunningHost | null = await startHostServer({ dir, service }).catch((error) => {
    log(error, 'listening on the archive socket');
    return null;
  });

  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= (async () => {
      try {
        await clipper.close();
        await service.sync.stop();
        await host?.close();
        await archive.flush();
      } finally {
        await archive.close();
      }
      post({ type: 'closed' });
      // The port (IPC channel) would keep the process alive; everything is on disk now.
      process.exit(0);
    })().catch((error) => {
      log(error, 'closing the archive');
      process.exit(1);
    });
    return closing;
  };

  const calls = new ClientCalls(service, post, { trusted: false, by: 'main' });
  parent?.onMessage((raw) => {
    const message = asClientMessage(raw);
    if (!message) return;
    if (message.type === 'call')
      calls.start(message.id, message.method, message.args, message.trusted === true, message.by ?? 'main');
    else if (message.type === 'cancel') calls.cancel(message.id);
    else if (message.type === 'close') void shutdown();
  });
  parent?.onGone(() => void shutdown());
  service.on((event) => post({ type: 'event', event }));
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  post({ type: 'ready', pid: process.pid, socket: host?.socket ?? null });
}

void main();

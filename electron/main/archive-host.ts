// Starts the archive's host process: an Electron utility process running the plain Node
// module archive/host/host-process (built beside the main bundle), with the contract going
// over a MessagePort handed to it at start. The main process keeps windows and menus; the
// store, search and importers run there, so no archive work ever blocks a window.

import type { MessageChannelMain as MessageChannelMainType, UtilityProcess } from 'electron';
import { HostLink, type HostStart } from '../../archive/host/host-link';
import type { HostMessage } from '../../archive/host/protocol';
import type { AppHost } from './archive-session';
import type { Log } from './log';
import { HOST_NODE_FLAGS, hostProcessEnv } from '../../archive/host/host-env';

export interface HostDeps {
  utilityProcess: {
    fork(
      modulePath: string,
      args?: string[],
      options?: {
        serviceName?: string;
        stdio?: 'pipe' | 'ignore' | 'inherit';
        env?: Record<string, string | undefined>;
        execArgv?: string[];
      },
    ): UtilityProcess;
  };
  MessageChannelMain: new () => MessageChannelMainType;
  /** The built host entry (out/main/host-process.js). */
  entry: string;
  log: Log;
  /** How long to wait for the process to end after asking it to close. */
  stopTimeoutMs?: number;
}

export async function startArchiveHost(
  dir: string,
  { utilityProcess, MessageChannelMain, entry, log, stopTimeoutMs = 10_000 }: HostDeps,
): Promise<{ host: AppHost; start: HostStart }> {
  const child = utilityProcess.fork(entry, [dir], {
    serviceName: 'Dossier archive',
    stdio: 'pipe',
    env: hostProcessEnv(),
    execArgv: [...HOST_NODE_FLAGS],
  });
  // Both are read, so that a chatty child never blocks on a full pipe; both go to the log.
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => log(`archive process: ${String(chunk).trimEnd()}`));
  const { port1, port2 } = new MessageChannelMain();
  const link = new HostLink({
    post: (message) => port2.postMessage(message),
    onMessage: (listener) => {
      port2.on('message', (event) => listener(event.data as HostMessage));
      // Anything the host says before our port reaches it comes on its own channel.
      child.on('message', (data: unknown) => listener(data as HostMessage));
    },
  });
  port2.start();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code: number) => {
    link.gone();
    if (code !== 0) log(`the archive process ended with code ${code}`);
  });
  child.postMessage({ type: 'port' }, [port1]);
  const start = await link.started;
  return {
    start,
    host: {
      link,
      async stop() {
        await Promise.race([link.close(), exited]);
        const timer = new Promise<void>((resolve) => setTimeout(resolve, stopTimeoutMs).unref());
        await Promise.race([exited, timer]);
        child.kill();
      },
    },
  };
}

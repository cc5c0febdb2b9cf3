// Test support: the archive host as a real child process (the built out/cli/host-process.mjs,
// started with child_process.fork the way the desktop app starts its utility process),
// linked through a HostLink over the child's IPC channel.

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HostLink, type HostStart } from './host-link';
import type { HostMessage } from './protocol';

export const HOST_ENTRY = fileURLToPath(new URL('../../out/cli/host-process.mjs', import.meta.url));

export interface ForkedHost {
  child: ChildProcess;
  link: HostLink;
  start: HostStart;
  stderr: () => string;
  /** Closes through the protocol and waits for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export async function forkHost(dir: string): Promise<ForkedHost> {
  const child = fork(HOST_ENTRY, [dir], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const link = new HostLink({
    post: (message) => {
      if (child.connected) child.send(message, () => undefined); // a child already gone is not an error here
    },
    onMessage: (listener) => void child.on('message', (m) => listener(m as HostMessage)),
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('exit', () => link.gone());
  const start = await link.started;
  return {
    child,
    link,
    start,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) await link.close();
      return exited;
    },
  };
}

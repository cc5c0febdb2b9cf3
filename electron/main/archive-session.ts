// The desktop app's hold on its archive: which folder (DOSSIER_ARCHIVE, else userData's
// archive/), starting its host process with a dialog instead of a crash when the archive
// cannot be opened (another writer holds its lock, or it is damaged), and having the host
// flush and close it before the app quits.

import path from 'node:path';
import type { App } from 'electron';
import type { HostLink, HostStart } from '../../archive/host/host-link';
import type { Log } from './log';

/** The archive folder: DOSSIER_ARCHIVE if set, else `<userData>/archive` (shared with the CLI). */
export function archiveDir(env: NodeJS.ProcessEnv, userData: string): string {
  return env.DOSSIER_ARCHIVE ? path.resolve(env.DOSSIER_ARCHIVE) : path.join(userData, 'archive');
}

/** The archive as the main process holds it: a link to the host process that has it open. */
export interface AppHost {
  link: HostLink;
  /** Has the host flush and close the archive, and waits for its process to end. */
  stop(): Promise<void>;
}

export interface OpenDeps {
  startHost: (dir: string) => Promise<{ host: AppHost; start: HostStart }>;
  showErrorBox: (title: string, content: string) => void;
  log: Log;
}

/** The running host, or null after telling the user why the archive could not be opened. */
export async function openAppArchive(dir: string, { startHost, showErrorBox, log }: OpenDeps): Promise<AppHost | null> {
  let started;
  try {
    started = await startHost(dir);
  } catch (error) {
    log(`could not start the archive process for ${dir}`, error);
    showErrorBox(
      'Dossier could not open its archive',
      `Something went wrong while opening ${dir}. The details are in the log.`,
    );
    return null;
  }
  const { host, start } = started;
  if (start.ok) return host;
  log(`could not open the archive at ${dir}: ${start.error.message}`);
  await host.stop().catch(() => undefined);
  if (start.error.code === 'conflict') {
    showErrorBox(
      'Dossier’s archive is in use',
      `${start.error.message}\n\nAnother Dossier (the app or a \`dossier\` command) is writing to ${dir}. Close it and start Dossier again.`,
    );
  } else if (start.error.code !== 'internal') {
    showErrorBox('Dossier could not open its archive', `${start.error.message}\n\nArchive: ${dir}`);
  } else {
    showErrorBox(
      'Dossier could not open its archive',
      `Something went wrong while opening ${dir}. The details are in the log.`,
    );
  }
  return null;
}

/**
 * Holds the quit until the host has flushed and closed the archive (at most `timeoutMs`),
 * so no change is lost and the lock is released; then lets the quit go ahead.
 */
export function closeArchiveOnQuit(
  app: Pick<App, 'on' | 'quit'>,
  host: Pick<AppHost, 'stop'>,
  log: Log,
  timeoutMs = 10_000,
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const close = host.stop().catch((error) => log('could not close the archive cleanly', error));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    void Promise.race([close, timeout]).then(() => {
      state = 'closed';
      app.quit();
    });
  });
}

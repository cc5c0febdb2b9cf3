// The desktop app's hold on its archive: which folder (DOSSIER_ARCHIVE, else userData's
// archive/), opening it with a dialog instead of a crash when it cannot be opened (another
// writer holds its lock, or it is damaged), and flushing and closing it before the app quits.

import path from 'node:path';
import type { App } from 'electron';
import type { Archive } from '../../archive/core/archive';
import { ArchiveError } from '../../archive/core/errors';
import type { Log } from './log';

/** The archive folder: DOSSIER_ARCHIVE if set, else `<userData>/archive` (shared with the CLI). */
export function archiveDir(env: NodeJS.ProcessEnv, userData: string): string {
  return env.DOSSIER_ARCHIVE ? path.resolve(env.DOSSIER_ARCHIVE) : path.join(userData, 'archive');
}

export interface OpenDeps {
  openArchive: (dir: string) => Promise<Archive>;
  showErrorBox: (title: string, content: string) => void;
  log: Log;
}

/** The open archive, or null after telling the user why it could not be opened. */
export async function openAppArchive(dir: string, { openArchive, showErrorBox, log }: OpenDeps): Promise<Archive | null> {
  try {
    return await openArchive(dir);
  } catch (error) {
    log(`could not open the archive at ${dir}`, error);
    if (error instanceof ArchiveError && error.code === 'conflict') {
      showErrorBox(
        'Dossier’s archive is in use',
        `${error.message}\n\nAnother Dossier (the app or a \`dossier\` command) is writing to ${dir}. Close it and start Dossier again.`,
      );
    } else if (error instanceof ArchiveError) {
      showErrorBox('Dossier could not open its archive', `${error.message}\n\nArchive: ${dir}`);
    } else {
      showErrorBox('Dossier could not open its archive', `Something went wrong while opening ${dir}. The details are in the log.`);
    }
    return null;
  }
}

/**
 * Holds the quit until the archive is flushed and closed (at most `timeoutMs`), so no
 * change is lost and the lock is released; then lets the quit go ahead.
 */
export function closeArchiveOnQuit(app: Pick<App, 'on' | 'quit'>, archive: Archive, log: Log, timeoutMs = 10_000): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const close = (async () => {
      await archive.flush();
      await archive.close();
    })().catch((error) => log('could not close the archive cleanly', error));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    void Promise.race([close, timeout]).then(() => {
      state = 'closed';
      app.quit();
    });
  });
}

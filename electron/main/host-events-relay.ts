// Passes the archive host's events on to every window: progress of any import, and every
// change except to the window that made it (it already knows, and refreshes itself).
// Changes made elsewhere (another window, the menu, the `dossier` command) refresh them all.

import type { WebContents } from 'electron';
import type { ArchiveEvent } from '../../archive/api/events';
import { sendHostEvent, windowCaller } from './ipc';

export function relayHostEvent(event: ArchiveEvent, windows: WebContents[]): void {
  for (const contents of windows) {
    if (event.name === 'progress') {
      sendHostEvent(contents, 'dossier:progress', { done: event.payload.done, total: event.payload.total });
      continue;
    }
    const { by, method, imported, skipped } = event.payload;
    if (by !== null && by === windowCaller(contents)) continue;
    sendHostEvent(
      contents,
      'dossier:changed',
      imported ? { reason: 'import', imported, skipped: skipped ?? [] } : { reason: 'edit', method },
    );
  }
}

// Passes the archive host's events on to every window except the one whose call caused
// them (it reports its own progress and refreshes itself; a late event would overwrite
// what it shows). Imports and changes made elsewhere (another window, the menu, the
// `dossier` command) reach them all.

import type { WebContents } from 'electron';
import type { ArchiveEvent } from '../../archive/api/events';
import { sendHostEvent, windowCaller } from './ipc';

export function relayHostEvent(event: ArchiveEvent, windows: WebContents[]): void {
  for (const contents of windows) {
    if (event.payload.by !== null && event.payload.by === windowCaller(contents)) continue;
    if (event.name === 'progress') {
      sendHostEvent(contents, 'dossier:progress', { done: event.payload.done, total: event.payload.total });
      continue;
    }
    const { method, imported, skipped } = event.payload;
    sendHostEvent(
      contents,
      'dossier:changed',
      imported ? { reason: 'import', imported, skipped: skipped ?? [] } : { reason: 'edit', method },
    );
  }
}

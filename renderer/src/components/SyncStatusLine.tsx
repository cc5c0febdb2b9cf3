// The sync status line at the foot of the library: "Syncing…", when the last round ran and
// what it moved, or why it failed in one sentence; and, when two machines changed the same
// thing, how many wait for a choice. Either part opens the Sync dialog.

import type { SyncStatus } from '../../../archive/api/types';
import { plural } from '../lib/format';
import { statusLine } from '../lib/sync-text';

interface Props {
  status: SyncStatus | null;
  onOpen: (section: 'settings' | 'conflicts') => void;
}

export function SyncStatusLine({ status, onOpen }: Props) {
  if (!status) return null;
  const line = statusLine(status);
  const state = status.running ? 'running' : status.error ? 'failed' : status.paused ? 'off' : 'ok';
  return (
    <footer className="sync-line" data-state={line ? state : 'none'}>
      <button
        type="button"
        className="text-button sync-line-text"
        aria-label={line ? `Sync: ${line}` : 'Set up sync'}
        onClick={() => onOpen('settings')}
      >
        <span className="sync-dot" aria-hidden="true" />
        {line ?? 'Set up sync…'}
      </button>
      {status.conflicts > 0 && (
        <button type="button" className="text-button sync-line-conflicts" onClick={() => onOpen('conflicts')}>
          {plural(status.conflicts, 'field')} changed on both machines
        </button>
      )}
    </footer>
  );
}

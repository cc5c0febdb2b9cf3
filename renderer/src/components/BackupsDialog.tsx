// "Restore from a backup…": the archive's backups, newest first, with their size and item
// count; a damaged one says why and cannot be chosen. Restoring asks once, backs up the
// current state first (the archive does that), and tells the reader which backup holds it.

import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../../archive/api/types';
import { Dialog } from './Dialog';
import { call } from '../api/client';
import { useNotify } from './Notifications';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called after a restore, so the app reloads what it shows. */
  onRestored: () => void;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function BackupsDialog({ open, onClose, onRestored }: Props) {
  const notify = useNotify();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setBackups(null);
    setChosen(null);
    void call('backups.list', {}).then((o) => (o.ok ? setBackups(o.value.backups) : notify.error(o.error.message)));
  }, [open, notify]);

  const restore = async (id: string) => {
    setBusy(true);
    const outcome = await call('backups.restore', { id });
    setBusy(false);
    if (!outcome.ok) return notify.error(outcome.error.message);
    const safety = outcome.value.safety
      ? ` What it replaced is kept as the backup of ${when(backups?.find((b) => b.id === outcome.value.safety)?.created ?? new Date().toISOString())}.`
      : '';
    notify.info(`Restored the backup (${outcome.value.items} items).${safety}`);
    onRestored();
    onClose();
  };

  return (
    <Dialog title="Restore from a backup" open={open} onClose={onClose}>
      {backups === null ? (
        <p aria-busy="true">Reading the backups…</p>
      ) : backups.length === 0 ? (
        <p>There are no backups yet. One is taken each time the archive is opened and every hour while it is open.</p>
      ) : (
        <form
          className="backups-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void restore(chosen);
          }}
        >
          <fieldset>
            <legend>Backups, newest first</legend>
            <ul className="backup-list">
              {backups.map((b) => (
                <li key={b.id}>
                  <label className="radio">
                    <input
                      type="radio"
                      name="backup"
                      value={b.id}
                      disabled={!b.valid || busy}
                      checked={chosen === b.id}
                      onChange={() => setChosen(b.id)}
                    />
                    <span>{when(b.created)}</span>{' '}
                    <span className="backup-facts">
                      {b.valid
                        ? `${b.items} items · ${(b.bytes / 1024).toFixed(0)} KiB · ${b.reason}`
                        : `damaged: ${b.problem ?? 'unreadable'}`}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p className="dialog-hint">
            Restoring replaces everything in the archive with the backup; the current state is backed up first, so this
            can be undone.
          </p>
          <div className="button-row">
            <button type="submit" className="primary-button" disabled={!chosen || busy}>
              {busy ? 'Restoring…' : 'Restore this backup'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

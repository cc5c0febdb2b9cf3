// The Sync setting: choose a folder another program keeps in step (Syncthing, Dropbox,
// iCloud Drive, OneDrive, Nextcloud) or a WebDAV server, with an optional passphrase that
// encrypts everything written there; turn sync on or off; sync now; stop syncing. Below,
// the status line and the fields changed on both machines, to choose from.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from './Dialog';
import { SyncConflicts } from './SyncConflicts';
import { call } from '../api/client';
import type { SyncState } from '../hooks/useSyncStatus';
import type { Args } from '../../../archive/api/contract';
import { statusLine, targetLabel } from '../lib/sync-text';

interface Props {
  open: boolean;
  /** Which part to show first: the setting, or the conflicts. */
  section: 'settings' | 'conflicts';
  onClose: () => void;
  sync: SyncState;
  /** A choice changed the archive: the views read it again. */
  onChanged: () => void;
}

const SOURCE = { session: 'typed here', environment: 'from the environment', keychain: 'from the keychain' } as const;

export function SyncDialog({ open, section, onClose, sync, onChanged }: Props) {
  const { status } = sync;
  const [kind, setKind] = useState<'folder' | 'webdav'>('folder');
  const [folder, setFolder] = useState('');
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmStop, setConfirmStop] = useState(false);
  const conflictsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setNotice(null);
    setPassword('');
    setPassphrase('');
    setConfirmStop(false);
    void sync.refresh();
    if (section === 'conflicts') requestAnimationFrame(() => conflictsRef.current?.scrollIntoView({ block: 'start' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, section]);

  const configure = async (settings: Args<'sync.configure'>) => {
    setBusy(true);
    setError(null);
    const outcome = await call('sync.configure', settings);
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error.message);
    sync.set(outcome.value);
    setNotice(outcome.value.notice);
    setPassword('');
    setPassphrase('');
  };

  const start = (e: FormEvent) => {
    e.preventDefault();
    const target =
      kind === 'folder'
        ? { kind, folder: folder.trim() }
        : { kind, url: url.trim(), ...(user.trim() ? { user: user.trim() } : {}) };
    void configure({ target, enabled: true, ...(passphrase ? { passphrase } : {}), ...(password ? { password } : {}) });
  };

  const saveSecrets = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase || password)
      void configure({ ...(passphrase ? { passphrase } : {}), ...(password ? { password } : {}) });
  };

  const syncNow = async () => {
    setError(null);
    const run = call('sync.run', {});
    // Once the round has begun, the status says "Syncing…" (and is asked every second meanwhile).
    setTimeout(() => void sync.refresh(), 150);
    const outcome = await run;
    if (!outcome.ok) setError(outcome.error.message);
    await sync.refresh();
  };

  const target = status?.target ?? null;
  const line = status ? statusLine(status) : null;

  return (
    <Dialog title="Sync" open={open} onClose={onClose}>
      <div className="sync-dialog">
        {status === null ? (
          <p aria-busy="true">Reading the sync setting…</p>
        ) : !target ? (
          <form className="sync-form" onSubmit={start}>
            <p className="dialog-hint">
              Keep this archive in step with your other machines through a folder a sync program already keeps in step
              (Syncthing, Dropbox, iCloud Drive, OneDrive, Nextcloud) or a WebDAV server. Each machine writes only its
              own files there; Dossier merges the changes itself.
            </p>
            <fieldset>
              <legend>Sync through</legend>
              <label className="radio">
                <input type="radio" name="sync-kind" checked={kind === 'folder'} onChange={() => setKind('folder')} /> A
                folder on this computer
              </label>
              <label className="radio">
                <input type="radio" name="sync-kind" checked={kind === 'webdav'} onChange={() => setKind('webdav')} /> A
                WebDAV server
              </label>
            </fieldset>
            {kind === 'folder' ? (
              <label className="field">
                Sync folder (its full path)
                <input
                  value={folder}
                  onChange={(e) => setFolder(e.target.value)}
                  placeholder="/home/you/Sync/Dossier"
                  required
                  spellCheck={false}
                />
              </label>
            ) : (
              <>
                <label className="field">
                  WebDAV address
                  <input
                    type="url"
                    value={url}
                    onChange={(e) => setUrl(e.target.value)}
                    placeholder="https://cloud.example.org/remote.php/dav/files/you/Dossier/"
                    required
                  />
                </label>
                <div className="form-row">
                  <label className="field">
                    User
                    <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
                  </label>
                  <label className="field">
                    Password
                    <input
                      type="password"
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                      autoComplete="current-password"
                    />
                  </label>
                </div>
              </>
            )}
            <label className="field">
              Passphrase (optional: encrypts everything written there; every machine needs the same one)
              <input
                type="password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                autoComplete="new-password"
              />
            </label>
            <p className="dialog-hint">
              Passwords and the passphrase go to your system keychain (without one, they last until Dossier closes),
              never into the archive.
            </p>
            <div className="button-row">
              <button type="submit" className="primary-button" disabled={busy}>
                Start syncing
              </button>
              <button type="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <>
            <p className="sync-target">
              Syncs with <strong>{targetLabel(target)}</strong>
              {status.encrypted ? ' (encrypted)' : ''}
            </p>
            <p
              className="sync-status"
              data-state={status.running ? 'running' : status.error ? 'failed' : 'ok'}
              role="status"
            >
              {line}
            </p>
            <label className="field checkbox-field">
              <input
                type="checkbox"
                checked={!status.paused}
                disabled={busy}
                onChange={(e) => void configure({ enabled: e.target.checked })}
              />
              Sync this archive by itself (soon after each change, and every few minutes)
            </label>
            <form className="form-row" onSubmit={saveSecrets}>
              <label className="field">
                Passphrase{' '}
                {status.passphrase ? `(${SOURCE[status.passphrase]})` : status.encrypted ? '(needed)' : '(none)'}
                <input
                  type="password"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                  autoComplete="off"
                />
              </label>
              {target.kind === 'webdav' && (
                <label className="field">
                  Password {status.password ? `(${SOURCE[status.password]})` : ''}
                  <input
                    type="password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    autoComplete="current-password"
                  />
                </label>
              )}
              <button type="submit" disabled={busy || (!passphrase && !password)}>
                Save
              </button>
            </form>
            <div className="button-row">
              <button type="button" className="primary-button" disabled={status.running} onClick={() => void syncNow()}>
                {status.running ? 'Syncing…' : 'Sync now'}
              </button>
              {confirmStop ? (
                <button
                  type="button"
                  className="danger-button"
                  disabled={busy}
                  onClick={() => void configure({ target: null })}
                >
                  Stop syncing (this machine starts afresh next time)
                </button>
              ) : (
                <button type="button" onClick={() => setConfirmStop(true)}>
                  Stop syncing with this {target.kind === 'folder' ? 'folder' : 'server'}…
                </button>
              )}
              <button type="button" onClick={onClose}>
                Done
              </button>
            </div>
            <div ref={conflictsRef}>
              <SyncConflicts count={status.conflicts} onChosen={() => void sync.refresh().then(onChanged)} />
            </div>
          </>
        )}
        {(error ?? notice) && <p className={error ? 'error-text' : 'dialog-hint'}>{error ?? notice}</p>}
        {!error && !notice && status?.keychain && target && <p className="dialog-hint">{status.keychain}</p>}
      </div>
    </Dialog>
  );
}

// The sync status every sync view shows, asked of the host: again after each change to the
// archive (a background round that brought something announces one, which bumps the archive
// version), every few seconds while sync is set up, and every second while a round runs.
// It opens no event stream of its own: a browser allows only six connections to the host.

import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { useArchiveVersion } from './useArchiveVersion';
import type { SyncStatus } from '../../../archive/api/types';

const IDLE_POLL_MS = 5_000;
const RUNNING_POLL_MS = 1_000;

export interface SyncState {
  status: SyncStatus | null;
  refresh: () => Promise<void>;
  /** Takes a status a call returned (the setting's answer) without asking again. */
  set: (status: SyncStatus) => void;
}

export function useSyncStatus(): SyncState {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(async () => {
    const outcome = await call('sync.status', {});
    if (outcome.ok) setStatus(outcome.value);
  }, []);

  const { version } = useArchiveVersion();
  useEffect(() => {
    void refresh();
  }, [refresh, version]);

  const running = status?.running ?? false;
  const watching = Boolean(status?.target);
  useEffect(() => {
    if (!watching && !running) return;
    const timer = setInterval(() => void refresh(), running ? RUNNING_POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(timer);
  }, [watching, running, refresh]);

  return { status, refresh, set: setStatus };
}

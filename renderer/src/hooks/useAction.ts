// Runs a contract call that changes the archive: on success it bumps the archive version
// (so every view refetches) and returns the value; on failure it shows the message and
// returns null. Components never see an exception from the archive.

import { useCallback } from 'react';
import type { Args, Result } from '../../../archive/api/contract';
import type { Method } from '../../../archive/api/methods';
import { call } from '../api/client';
import { useArchiveVersion } from './useArchiveVersion';
import { useNotify } from '../components/Notifications';

export function useAction() {
  const { changed } = useArchiveVersion();
  const notify = useNotify();
  return useCallback(
    async <M extends Method>(method: M, args: Args<M>): Promise<Result<M> | null> => {
      const outcome = await call(method, args);
      if (!outcome.ok) {
        notify.error(outcome.error.message);
        return null;
      }
      changed();
      return outcome.value;
    },
    [changed, notify],
  );
}

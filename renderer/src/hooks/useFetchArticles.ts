// Turns bookmarks into articles: "Fetch article" on one item, on a selection, or on every
// bookmark. One run at a time; while it runs the desktop host reports progress as
// 'dossier:progress' events (a browser has none, so it shows a busy state), and when it
// ends every item has its own result line.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FetchResult } from '../../../archive/api/types';
import { call, onHostEvent } from '../api/client';
import { useArchiveVersion } from './useArchiveVersion';
import { useNotify } from '../components/Notifications';

export interface FetchState {
  running: boolean;
  /** What is being fetched, for the status line ("all bookmarks", "3 items"). */
  what: string;
  done: number;
  /** Null until the host reports a total (never, in a browser). */
  total: number | null;
  results: FetchResult[];
}

export function useFetchArticles() {
  const { changed } = useArchiveVersion();
  const notify = useNotify();
  const [state, setState] = useState<FetchState | null>(null);
  const running = useRef(false);

  useEffect(
    () =>
      onHostEvent((event) => {
        if (event.name !== 'dossier:progress' || !running.current) return;
        const { done, total } = event.payload;
        setState((s) => (s && s.running ? { ...s, done, total } : s));
      }),
    [],
  );

  /** Fetches; returns the results (null when the call failed or another run is going). */
  const run = useCallback(
    async (args: { ids: string[] } | { allBookmarks: true }, what: string): Promise<FetchResult[] | null> => {
      if (running.current) {
        notify.error('Articles are already being fetched; wait for that to finish.');
        return null;
      }
      running.current = true;
      setState({ running: true, what, done: 0, total: 'ids' in args ? args.ids.length : null, results: [] });
      const outcome = await call('items.fetch', args);
      running.current = false;
      if (!outcome.ok) {
        setState(null);
        notify.error(outcome.error.message);
        return null;
      }
      const results = outcome.value.results;
      setState({ running: false, what, done: results.length, total: results.length, results });
      changed();
      return results;
    },
    [changed, notify],
  );

  const dismiss = useCallback(() => setState((s) => (s?.running ? s : null)), []);
  /** Whether a fetch is running (its progress events are not an import's). */
  const isRunning = useCallback(() => running.current, []);
  return { state, run, dismiss, isRunning };
}

// The sidebar's saved searches, wired: the list from the archive (refetched after every
// change), which one the results show now, running one (its query goes in the search box,
// replacing every other filter) and deleting one. Memoised on what it shows, so typing in
// the search box re-renders the sidebar only when the match with a saved search changes.

import { useCallback, useMemo } from 'react';
import type { SavedSearchView } from '../../../archive/api/types';
import { SavedSearches } from '../components/SavedSearches';
import { useAction } from './useAction';
import { useQuery } from './useQuery';

/** `current` is the results' whole query; `onRun` puts a saved query in place of it. */
export function useSavedSearches(current: string, onRun: (q: string) => void) {
  const act = useAction();
  const list = useQuery('searches.list', {});
  const searches = list.value?.searches;
  const active = searches?.find((s) => s.q === current)?.name ?? null;
  const run = useCallback((s: SavedSearchView) => onRun(s.q), [onRun]);
  const remove = useCallback((s: SavedSearchView) => void act('searches.delete', { name: s.name }), [act]);
  return useMemo(
    () => <SavedSearches searches={searches ?? []} active={active} onRun={run} onDelete={remove} />,
    [searches, active, run, remove],
  );
}

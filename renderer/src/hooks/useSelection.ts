// Bulk selection in the result list: a set of item ids with an anchor row, so a click on a
// row's box (or Ctrl-click, or x) toggles one row, Shift-click selects the rows between the
// anchor and this one, and Shift+j/k extend it row by row. A new search clears it.

import { useCallback, useEffect, useRef, useState } from 'react';
import { hitAt, type SearchView } from './useSearch';

export function useSelection(view: SearchView | null, requestKey: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<number | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    setSelected(new Set());
    anchor.current = null;
  }, [requestKey]);

  /** Selects or unselects one row (and makes it the anchor of a later range). */
  const toggle = useCallback((index: number, id: string, on?: boolean) => {
    anchor.current = index;
    setSelected((old) => {
      const next = new Set(old);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  /** Adds every loaded row from the anchor (or this row) to this one. */
  const extendTo = useCallback((index: number) => {
    const from = anchor.current ?? index;
    setSelected((old) => {
      const next = new Set(old);
      for (let i = Math.min(from, index); i <= Math.max(from, index); i++) {
        const hit = hitAt(viewRef.current, i);
        if (hit) next.add(hit.id);
      }
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);

  /** Forgets ids that are gone (after a bulk delete). */
  const drop = useCallback((ids: readonly string[]) => setSelected((old) => new Set([...old].filter((id) => !ids.includes(id)))), []);

  return { selected, toggle, extendTo, clear, drop };
}

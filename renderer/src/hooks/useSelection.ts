// Bulk selection in the result list: a set of item ids with an anchor row, so a click on a
// row's box (or Ctrl-click, or x) toggles one row, Shift-click selects the rows between the
// anchor and this one, and Shift+j/k extend it row by row. A new search clears it.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../archive/api/types';
import { hitAt, type SearchView } from './useSearch';

/** `activeIndex` is the list's active row, which Shift+j/k move as they extend. */
export function useSelection(
  view: SearchView | null,
  requestKey: string,
  activeIndex: number,
  setActiveIndex: (index: number) => void,
) {
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
  const drop = useCallback(
    (ids: readonly string[]) => setSelected((old) => new Set([...old].filter((id) => !ids.includes(id)))),
    [],
  );

  /** A row's box or Ctrl-click ('toggle'), or Shift-click ('range'). */
  const selectRow = useCallback(
    (index: number, hit: SearchHit, mode: 'toggle' | 'range') =>
      mode === 'range' ? extendTo(index) : toggle(index, hit.id),
    [toggle, extendTo],
  );

  /** Shift+j/k: the active row joins the selection, and so does each row moved onto. */
  const extend = useCallback(
    (delta: number) => {
      const count = view?.total ?? 0;
      if (count === 0) return;
      const from = Math.max(0, activeIndex);
      const here = hitAt(view, from);
      if (here) toggle(from, here.id, true);
      const next = Math.min(count - 1, Math.max(0, from + delta));
      setActiveIndex(next);
      if (hitAt(view, next)) extendTo(next);
    },
    [view, activeIndex, setActiveIndex, toggle, extendTo],
  );

  return { selected, toggle, extendTo, clear, drop, selectRow, extend };
}

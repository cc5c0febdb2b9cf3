// The results as a virtualised list: only the rows on screen are in the DOM, so 50,000
// hits scroll as smoothly as 50. Pages of hits are fetched as rows come into view. The
// active row is the one shown in the reader; ↑/↓ (or j/k) move it, Enter opens it; x
// selects it and Shift+j/k (Shift+↑/↓) extend the selection. A new query shows its list
// from the top, even when the open item is further down.

import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SearchHit } from '../../../archive/api/types';
import { hitAt, type SearchView } from '../hooks/useSearch';
import { ResultRow } from './ResultRow';

interface Props {
  view: SearchView | null;
  activeIndex: number;
  openId: string | null;
  onMove: (delta: number) => void;
  onOpen: (index: number, hit: SearchHit) => void;
  selected: ReadonlySet<string>;
  onSelect: (index: number, hit: SearchHit, mode: 'toggle' | 'range') => void;
  /** Shift+j/k: move the active row and add it to the selection. */
  onExtend: (delta: number) => void;
  ensureRows: (first: number, last: number) => void;
  listRef: React.RefObject<HTMLUListElement | null>;
  empty: React.ReactNode;
  tagColors: ReadonlyMap<string, string | null>;
}

/** Fixed: rows are clamped to this height in the stylesheet (.result). */
export const ROW_HEIGHT = 118;

export function ResultList({
  view,
  activeIndex,
  openId,
  onMove: move,
  onOpen,
  selected,
  onSelect,
  onExtend,
  ensureRows,
  listRef,
  empty,
  tagColors,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = view?.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) ensureRows(first, last);
  }, [first, last, count, ensureRows]);

  // A different request (not the same one answered again after an edit) starts at the top.
  const requestKey = view ? JSON.stringify(view.request) : '';
  const seenRequest = useRef('');
  const fromTop = useRef(false);
  useLayoutEffect(() => {
    if (!requestKey || requestKey === seenRequest.current) return;
    seenRequest.current = requestKey;
    fromTop.current = true;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [requestKey]);

  // The list follows the active row when it moves. After a new query the open item stays
  // marked where the new list has it, but does not pull the list down past hits 1–4; the
  // first move from it scrolls as usual.
  const lastActive = useRef(activeIndex);
  useEffect(() => {
    if (activeIndex === lastActive.current) return;
    lastActive.current = activeIndex;
    if (activeIndex < 0 || activeIndex >= count) return;
    if (fromTop.current && hitAt(view, activeIndex)?.id === openId) return;
    fromTop.current = false;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer, view, openId]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'x') {
      const hit = hitAt(view, activeIndex);
      if (hit) onSelect(activeIndex, hit, 'toggle');
    } else if (e.key === 'J' || (e.shiftKey && e.key === 'ArrowDown')) onExtend(1);
    else if (e.key === 'K' || (e.shiftKey && e.key === 'ArrowUp')) onExtend(-1);
    else if (e.key === 'ArrowDown' || e.key === 'j') move(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
    else if (e.key === 'PageDown') move(10);
    else if (e.key === 'PageUp') move(-10);
    else if (e.key === 'Home') move(-count);
    else if (e.key === 'End') move(count);
    else if (e.key === 'Enter') {
      const hit = hitAt(view, activeIndex);
      if (hit) onOpen(activeIndex, hit);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="results-scroll" ref={scrollRef}>
      <ul
        ref={listRef}
        id="results"
        className="results"
        aria-label="Results"
        aria-busy={view === null}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
        data-query={view?.request.q ?? ''}
      >
        {items.map((row) => {
          const hit = hitAt(view, row.index);
          return (
            <li
              key={row.key}
              className="result-slot"
              data-index={row.index}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              aria-setsize={count}
              aria-posinset={row.index + 1}
            >
              {hit ? (
                <ResultRow
                  hit={hit}
                  index={row.index}
                  active={row.index === activeIndex}
                  open={hit.id === openId}
                  onOpen={onOpen}
                  selected={selected.has(hit.id)}
                  onSelect={onSelect}
                  tagColors={tagColors}
                />
              ) : (
                <div className="result result-placeholder" aria-hidden="true" />
              )}
            </li>
          );
        })}
      </ul>
      {view && count === 0 && <div className="results-empty">{empty}</div>}
    </div>
  );
}

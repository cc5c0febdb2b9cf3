// Runs the search as the user types and pages its hits in on demand, so a list of 50,000
// results costs one page of data until it is scrolled. A superseded query (and its pages)
// is cancelled, so the host stops working on it, and any late answer is dropped; a change
// to the archive re-runs the current query without clearing the list.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchResult, SearchSort } from '../../../archive/api/types';
import { call } from '../api/client';
import { useArchiveVersion } from './useArchiveVersion';
import { markAnswer } from '../lib/latency';

export const PAGE_SIZE = 50;

export interface SearchRequestState {
  q: string;
  sort: SearchSort;
  tags: string[];
}

export interface SearchView {
  /** The request these results answer (compare with the current one to see staleness). */
  request: SearchRequestState;
  total: number;
  facets: SearchResult['facets'];
  parsedAs: SearchResult['parsedAs'];
  notice: string | null;
  pages: Map<number, SearchHit[]>;
}

export function useSearch(request: SearchRequestState) {
  const { version } = useArchiveVersion();
  const [view, setView] = useState<SearchView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  /** Aborted when this request is superseded: its first page and every page after it. */
  const current = useRef(new AbortController());
  const key = JSON.stringify(request);

  useEffect(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    current.current = controller;
    inFlight.current = new Set([0]);
    const req = JSON.parse(key) as SearchRequestState;
    const args = {
      q: req.q,
      sort: req.sort,
      tags: req.tags.length ? req.tags : undefined,
      offset: 0,
      limit: PAGE_SIZE,
    };
    void call('search.query', args, { signal: controller.signal }).then((outcome) => {
      if (mine !== generation.current) return;
      // For the latency bench: when the answer arrived, apart from when it was drawn.
      markAnswer(req.q);
      inFlight.current.delete(0);
      if (!outcome.ok) {
        setError(outcome.error.message);
        return;
      }
      setError(null);
      const r = outcome.value;
      setView({
        request: req,
        total: r.total,
        facets: r.facets,
        parsedAs: r.parsedAs,
        notice: r.notice,
        pages: new Map([[0, r.hits]]),
      });
    });
    return () => controller.abort();
  }, [key, version]);

  /** Asks for the pages covering rows [first, last]; already loaded pages cost nothing. */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      if (!view) return;
      const mine = generation.current;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (view.pages.has(page) || inFlight.current.has(page) || page * PAGE_SIZE >= view.total) continue;
        inFlight.current.add(page);
        const req = view.request;
        const args = {
          q: req.q,
          sort: req.sort,
          tags: req.tags.length ? req.tags : undefined,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        };
        void call('search.query', args, { signal: current.current.signal }).then((outcome) => {
          if (mine !== generation.current) return;
          inFlight.current.delete(page);
          if (!outcome.ok) return;
          setView((v) => (v ? { ...v, pages: new Map(v.pages).set(page, outcome.value.hits) } : v));
        });
      }
    },
    [view],
  );

  return { view, error, ensureRows };
}

export function hitAt(view: SearchView | null, index: number): SearchHit | undefined {
  return view?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** The row of the hit with this id among the loaded pages, or -1. */
export function indexOfHit(view: SearchView, id: string): number {
  for (const [page, hits] of view.pages) {
    const at = hits.findIndex((h) => h.id === id);
    if (at >= 0) return page * PAGE_SIZE + at;
  }
  return -1;
}

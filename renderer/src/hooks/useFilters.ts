// What narrows the results besides the typed words: a library view, tags (several combine
// with AND), and facets (source, kind, year). Gives the query text they add, the chips
// that show them (each removable), and the ways the sidebar and facets change them.

import { useCallback, useState } from 'react';
import { VIEW_FILTERS, VIEW_LABELS, type LibraryView } from '../components/LibraryViews';
import type { ActiveFilter } from '../components/ResultsHeader';
import { sameTag } from '../../../archive/api/rules';

interface Facets {
  source: string | null;
  kind: string | null;
  year: string | null;
}

export type FacetKind = 'tags' | 'sources' | 'kinds' | 'years';

/** A value as one query term, quoted when it holds a space or a quote. */
export function quote(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

export function useFilters() {
  const [view, setView] = useState<LibraryView>('all');
  const [tags, setTags] = useState<string[]>([]);
  const [facets, setFacets] = useState<Facets>({ source: null, kind: null, year: null });

  /** The typed words with the view and facet filters added (tags travel apart). */
  const queryFor = (typed: string) =>
    [
      typed.trim(),
      VIEW_FILTERS[view],
      facets.source && `source:${quote(facets.source)}`,
      facets.kind && `kind:${facets.kind}`,
      facets.year && `year:${facets.year}`,
    ]
      .filter(Boolean)
      .join(' ');

  const toggleTag = useCallback(
    (name: string) =>
      setTags((all) => (all.some((t) => sameTag(t, name)) ? all.filter((t) => !sameTag(t, name)) : [...all, name])),
    [],
  );
  const chooseSource = useCallback((source: string | null) => setFacets((f) => ({ ...f, source })), []);
  const renameTag = useCallback(
    (from: string, to: string) => setTags((all) => all.map((t) => (sameTag(t, from) ? to : t))),
    [],
  );

  const active: ActiveFilter[] = [
    ...(view !== 'all' ? [{ label: VIEW_LABELS[view], remove: () => setView('all') }] : []),
    ...tags.map((t) => ({ label: `tag: ${t}`, remove: () => toggleTag(t) })),
    ...(facets.source
      ? [{ label: `source: ${facets.source}`, remove: () => setFacets((f) => ({ ...f, source: null })) }]
      : []),
    ...(facets.kind ? [{ label: `kind: ${facets.kind}`, remove: () => setFacets((f) => ({ ...f, kind: null })) }] : []),
    ...(facets.year ? [{ label: `year: ${facets.year}`, remove: () => setFacets((f) => ({ ...f, year: null })) }] : []),
  ];

  const chooseFacet = (kind: FacetKind, value: string) => {
    if (kind === 'tags') {
      if (!tags.some((t) => sameTag(t, value))) setTags([...tags, value]);
    } else setFacets((f) => ({ ...f, [kind === 'sources' ? 'source' : kind === 'kinds' ? 'kind' : 'year']: value }));
  };

  /** Back to everything: no view, tags or facets (a saved search brings its own). */
  const clear = useCallback(() => {
    setView('all');
    setTags([]);
    setFacets({ source: null, kind: null, year: null });
  }, []);

  return {
    view,
    setView,
    tags,
    source: facets.source,
    queryFor,
    toggleTag,
    chooseSource,
    renameTag,
    active,
    chooseFacet,
    clear,
  };
}

// Above the list: how many results, how the query was read when it was not lunr syntax,
// the active filters (each removable), the Results menu, the sort, and the facets that narrow with a click.

import type { SearchResult, SearchSort } from '../../../archive/api/types';
import { plural } from '../lib/format';

export interface ActiveFilter {
  label: string;
  remove: () => void;
}

interface Props {
  total: number | null;
  notice: string | null;
  parsedAs: SearchResult['parsedAs'] | null;
  sort: SearchSort;
  onSort: (sort: SearchSort) => void;
  filters: ActiveFilter[];
  facets: SearchResult['facets'] | null;
  onFacet: (kind: 'tags' | 'sources' | 'kinds' | 'years', value: string) => void;
  /** The Results menu (save, mark all read, tag all, fetch bookmarks). */
  menu?: React.ReactNode;
}

const FACET_LABELS = { tags: 'Tags', sources: 'Sources', kinds: 'Kinds', years: 'Years' } as const;

export function ResultsHeader({ total, notice, parsedAs, sort, onSort, filters, facets, onFacet, menu }: Props) {
  return (
    <div className="results-header">
      <div className="results-summary">
        <span className="results-total" aria-live="polite">
          {total === null ? 'Searching…' : plural(total, 'result')}
        </span>
        <span className="results-controls">
          {menu}
          <label className="sort">
            <span className="visually-hidden">Sort by</span>
            <select value={sort} onChange={(e) => onSort(e.target.value as SearchSort)} aria-label="Sort by">
              <option value="relevance">Relevance</option>
              <option value="newest">Newest</option>
              <option value="oldest">Oldest</option>
              <option value="title">Title</option>
              <option value="added">Date added</option>
            </select>
          </label>
        </span>
      </div>
      {(notice || parsedAs === 'plain') && <p className="results-notice">{notice ?? 'Searched as plain words.'}</p>}
      {filters.length > 0 && (
        <ul className="chips" aria-label="Active filters">
          {filters.map((f) => (
            <li key={f.label} className="chip chip-active">
              {f.label}
              <button type="button" className="chip-x" aria-label={`Remove filter ${f.label}`} onClick={f.remove}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {facets && total !== null && total > 0 && (
        <details className="facets">
          <summary>Narrow</summary>
          {(Object.keys(FACET_LABELS) as Array<keyof typeof FACET_LABELS>).map((kind) =>
            facets[kind].length === 0 ? null : (
              <div key={kind} className="facet-group">
                <span className="facet-label">{FACET_LABELS[kind]}</span>
                {facets[kind].slice(0, 8).map((f) => (
                  <button key={f.value} type="button" className="chip" onClick={() => onFacet(kind, f.value)}>
                    {f.value} <span className="count">{f.count.toLocaleString()}</span>
                  </button>
                ))}
              </div>
            ),
          )}
        </details>
      )}
    </div>
  );
}

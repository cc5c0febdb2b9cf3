// The sidebar's saved searches: each runs its query with one click and can be deleted
// (the × beside it). Saving happens in the results header ("Save this search…").

import type { SavedSearchView } from '../../../archive/api/types';

interface Props {
  searches: SavedSearchView[];
  /** The name of the saved search the results show now, if any. */
  active: string | null;
  onRun: (search: SavedSearchView) => void;
  onDelete: (search: SavedSearchView) => void;
}

export function SavedSearches({ searches, active, onRun, onDelete }: Props) {
  if (searches.length === 0) return null;
  return (
    <nav aria-label="Saved searches" className="sidebar-section">
      <h2 className="sidebar-heading">Saved searches</h2>
      <ul className="sidebar-list">
        {searches.map((s) => (
          <li key={s.name} className="saved-search">
            <button
              type="button"
              className="sidebar-item"
              aria-pressed={active === s.name}
              title={s.q}
              onClick={() => onRun(s)}
            >
              <span className="sidebar-label">{s.name}</span>
            </button>
            <button
              type="button"
              className="icon-button saved-search-delete"
              aria-label={`Delete saved search ${s.name}`}
              onClick={() => onDelete(s)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// Finds another item to link by searching for it, right inside the Related panel.

import { useState } from 'react';
import { useQuery } from '../hooks/useQuery';

interface Props {
  itemId: string;
  linked: string[];
  onLink: (id: string) => Promise<unknown>;
}

export function LinkFinder({ itemId, linked, onLink }: Props) {
  const [q, setQ] = useState('');
  const found = useQuery('search.query', q.trim() ? { q: q.trim(), limit: 6 } : null);
  const hits = (found.value?.hits ?? []).filter((h) => h.id !== itemId && !linked.includes(h.id));
  return (
    <div className="link-finder">
      <input
        type="search"
        aria-label="Find an item to link"
        placeholder="Link another item…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {q.trim() && (
        <ul className="related-list" aria-label="Items to link">
          {hits.length === 0 && !found.loading && <li className="panel-empty">No other item matches.</li>}
          {hits.map((h) => (
            <li key={h.id} className="related">
              <span className="related-title">{h.title || 'Untitled'}</span>
              <button
                type="button"
                className="small-button"
                aria-label={`Link ${h.title}`}
                onClick={async () => {
                  if (await onLink(h.id)) setQ('');
                }}
              >
                Link
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

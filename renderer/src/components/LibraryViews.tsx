// The fixed views of the library: everything, what is still unread, what has notes. Each
// is a filter on the same search, so they combine with the query and the tags.

export type LibraryView = 'all' | 'unread' | 'notes';

export const VIEW_FILTERS: Record<LibraryView, string> = { all: '', unread: 'is:unread', notes: 'has:notes' };

interface Props {
  view: LibraryView;
  onView: (view: LibraryView) => void;
  counts: { all: number; unread: number; withNotes: number } | null;
}

export function LibraryViews({ view, onView, counts }: Props) {
  const entries: Array<[LibraryView, string, number | undefined]> = [
    ['all', 'All items', counts?.all],
    ['unread', 'Unread', counts?.unread],
    ['notes', 'Has notes', counts?.withNotes],
  ];
  return (
    <nav aria-label="Library views" className="sidebar-section">
      <h2 className="sidebar-heading">Library</h2>
      <ul className="sidebar-list">
        {entries.map(([key, label, count]) => (
          <li key={key}>
            <button type="button" className="sidebar-item" aria-pressed={view === key} onClick={() => onView(key)}>
              <span className="sidebar-label">{label}</span>
              {count !== undefined && <span className="count">{count.toLocaleString()}</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

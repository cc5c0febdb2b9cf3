// The fixed views of the library: everything, the inbox (not yet archived), the archive,
// favourites, what is still unread, what has notes. Each is a filter of the query language
// on the same search, so they combine with the typed words and the tags.

export type LibraryView = 'all' | 'inbox' | 'archived' | 'favourites' | 'unread' | 'notes';

export const VIEW_FILTERS: Record<LibraryView, string> = {
  all: '',
  inbox: 'is:inbox',
  archived: 'is:archived',
  favourites: 'is:favourite',
  unread: 'is:unread',
  notes: 'has:notes',
};

export const VIEW_LABELS: Record<LibraryView, string> = {
  all: 'All items',
  inbox: 'Inbox',
  archived: 'Archive',
  favourites: 'Favourites',
  unread: 'Unread',
  notes: 'Has notes',
};

export type ViewCounts = Partial<Record<LibraryView, number>>;

interface Props {
  view: LibraryView;
  onView: (view: LibraryView) => void;
  counts: ViewCounts | null;
}

const ORDER: LibraryView[] = ['all', 'inbox', 'archived', 'favourites', 'unread', 'notes'];

export function LibraryViews({ view, onView, counts }: Props) {
  return (
    <nav aria-label="Library views" className="sidebar-section">
      <h2 className="sidebar-heading">Library</h2>
      <ul className="sidebar-list">
        {ORDER.map((key) => {
          const count = counts?.[key];
          return (
            <li key={key}>
              <button type="button" className="sidebar-item" aria-pressed={view === key} onClick={() => onView(key)}>
                <span className="sidebar-label">{VIEW_LABELS[key]}</span>
                {count !== undefined && <span className="count">{count.toLocaleString()}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

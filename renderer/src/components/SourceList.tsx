// The sidebar's sources (publishers) with counts; choosing one filters the results to it,
// choosing it again clears the filter.

interface Props {
  sources: Array<{ name: string; count: number }>;
  selected: string | null;
  onSelect: (name: string | null) => void;
}

export function SourceList({ sources, selected, onSelect }: Props) {
  if (sources.length === 0) return null;
  return (
    <nav aria-label="Sources" className="sidebar-section">
      <h2 className="sidebar-heading">Sources</h2>
      <ul className="sidebar-list">
        {sources.map((s) => (
          <li key={s.name}>
            <button
              type="button"
              className="sidebar-item"
              aria-pressed={selected === s.name}
              onClick={() => onSelect(selected === s.name ? null : s.name)}
            >
              <span className="sidebar-label">{s.name}</span>
              <span className="count">{s.count.toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// The sidebar's tags with their counts. A click toggles a tag as a filter (several combine
// with AND); the context menu, or the "…" button for keyboard users, opens the tag's
// actions (rename, merge, colour, delete).

import type { TagCount } from '../../../archive/api/types';

interface Props {
  tags: TagCount[];
  selected: string[];
  onToggle: (name: string) => void;
  onEdit: (tag: TagCount) => void;
}

export function TagList({ tags, selected, onToggle, onEdit }: Props) {
  const isSelected = (name: string) => selected.some((s) => s.toLowerCase() === name.toLowerCase());
  return (
    <nav aria-label="Tags" className="sidebar-section">
      <h2 className="sidebar-heading">Tags</h2>
      {tags.length === 0 ? (
        <p className="sidebar-empty">No tags yet. Add one from the reader with the “Add tag” field (press t).</p>
      ) : (
        <ul className="sidebar-list">
          {tags.map((tag) => (
            <li key={tag.name} className="sidebar-row">
              <button
                type="button"
                className="sidebar-item"
                aria-pressed={isSelected(tag.name)}
                onClick={() => onToggle(tag.name)}
                onContextMenu={(e) => {
                  e.preventDefault();
                  onEdit(tag);
                }}
              >
                <span className="tag-dot" style={{ background: tag.color ?? 'var(--tag-dot)' }} aria-hidden="true" />
                <span className="sidebar-label">{tag.name}</span>
                <span className="count">{tag.count.toLocaleString()}</span>
              </button>
              <button type="button" className="icon-button row-action" aria-label={`Tag actions ${tag.name}`} onClick={() => onEdit(tag)}>
                …
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

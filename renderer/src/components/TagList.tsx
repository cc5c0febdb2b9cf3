// The sidebar's tags with their counts and colours. A click toggles a tag as a filter
// (several combine with AND); the "…" button (in the Tab order, shown on focus) or the
// context menu opens the tag's actions. A long list gets a filter box above it.

import { useState } from 'react';
import type { TagCount } from '../../../archive/api/types';
import { TagSwatch } from './TagSwatch';
import { sameTag, tagKey } from '../../../archive/api/rules';

interface Props {
  tags: TagCount[];
  selected: string[];
  onToggle: (name: string) => void;
  onEdit: (tag: TagCount) => void;
}

/** From this many tags on, a filter box helps find one (and spares keyboard users the walk). */
export const TAG_FILTER_FROM = 12;

export function TagList({ tags, selected, onToggle, onEdit }: Props) {
  const [filter, setFilter] = useState('');
  const isSelected = (name: string) => selected.some((s) => sameTag(s, name));
  const wanted = tagKey(filter);
  const shown = wanted ? tags.filter((t) => tagKey(t.name).includes(wanted) || isSelected(t.name)) : tags;
  return (
    <nav aria-label="Tags" className="sidebar-section">
      <h2 className="sidebar-heading">Tags</h2>
      {tags.length >= TAG_FILTER_FROM && (
        <input
          type="search"
          className="tag-filter"
          aria-label="Filter tags"
          placeholder={`Filter ${tags.length} tags…`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filter) {
              e.stopPropagation();
              setFilter('');
            }
          }}
        />
      )}
      {tags.length === 0 ? (
        <p className="sidebar-empty">No tags yet. Add one from the reader with the “Add tag” field (press t).</p>
      ) : shown.length === 0 ? (
        <p className="sidebar-empty">No tag has “{filter.trim()}” in its name.</p>
      ) : (
        <ul className="sidebar-list">
          {shown.map((tag) => (
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
                <TagSwatch color={tag.color} />
                <span className="sidebar-label">{tag.name}</span>
                <span className="count">{tag.count.toLocaleString()}</span>
              </button>
              <button type="button" className="icon-button row-action" onClick={() => onEdit(tag)}>
                <span aria-hidden="true">…</span>
                <span className="visually-hidden">Tag actions {tag.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

// The left pane: library views, tags and sources. Choosing one narrows the results; it
// holds no data of its own beyond what the archive reports.

import { memo } from 'react';
import type { TagCount } from '../../../archive/api/types';
import { LibraryViews, type LibraryView } from './LibraryViews';
import { TagList } from './TagList';
import { SourceList } from './SourceList';

interface Props {
  view: LibraryView;
  onView: (view: LibraryView) => void;
  tags: TagCount[];
  selectedTags: string[];
  onToggleTag: (name: string) => void;
  onEditTag: (tag: TagCount) => void;
  sources: Array<{ name: string; count: number }>;
  source: string | null;
  onSource: (name: string | null) => void;
  counts: { all: number; unread: number; withNotes: number } | null;
}

export const Sidebar = memo(function Sidebar(props: Props) {
  return (
    <aside className="sidebar" aria-label="Library">
      <LibraryViews view={props.view} onView={props.onView} counts={props.counts} />
      <TagList tags={props.tags} selected={props.selectedTags} onToggle={props.onToggleTag} onEdit={props.onEditTag} />
      <SourceList sources={props.sources} selected={props.source} onSelect={props.onSource} />
    </aside>
  );
});

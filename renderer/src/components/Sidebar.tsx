// The left pane: library views, saved searches, tags and sources. Choosing one narrows the results; it
// holds no data of its own beyond what the archive reports. On a narrow window it is a
// drawer over the panes: opened from the toolbar, closed with Esc or a click outside.

import { memo, useEffect, useRef } from 'react';
import type { TagCount } from '../../../archive/api/types';
import { LibraryViews, type LibraryView, type ViewCounts } from './LibraryViews';
import { TagList } from './TagList';
import { SourceList } from './SourceList';

interface Props {
  id: string;
  drawer: boolean;
  hidden: boolean;
  onClose: () => void;
  view: LibraryView;
  onView: (view: LibraryView) => void;
  tags: TagCount[];
  selectedTags: string[];
  onToggleTag: (name: string) => void;
  onEditTag: (tag: TagCount) => void;
  sources: Array<{ name: string; count: number }>;
  source: string | null;
  onSource: (name: string | null) => void;
  counts: ViewCounts | null;
  /** The saved searches' section (see SavedSearches), below the library views. */
  saved?: React.ReactNode;
  /** The splitter on the sidebar's edge, inside it so it belongs to its landmark. */
  resizer?: React.ReactNode;
  /** Below the lists, always in view: the sync status line. */
  footer?: React.ReactNode;
}

export const Sidebar = memo(function Sidebar(props: Props) {
  const ref = useRef<HTMLElement>(null);
  const { drawer, hidden, onClose } = props;
  // An opened drawer takes the focus, so the keyboard lands where the eye does.
  useEffect(() => {
    if (drawer && !hidden) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [drawer, hidden]);
  return (
    <aside
      ref={ref}
      id={props.id}
      className={drawer ? 'sidebar sidebar-drawer' : 'sidebar'}
      aria-label="Library"
      hidden={hidden}
      onKeyDown={(e) => {
        if (drawer && e.key === 'Escape') {
          e.preventDefault();
          e.nativeEvent.stopImmediatePropagation();
          onClose();
        }
      }}
    >
      <div className="sidebar-scroll">
        <LibraryViews view={props.view} onView={props.onView} counts={props.counts} />
        {props.saved}
        <TagList
          tags={props.tags}
          selected={props.selectedTags}
          onToggle={props.onToggleTag}
          onEdit={props.onEditTag}
        />
        <SourceList sources={props.sources} selected={props.source} onSelect={props.onSource} />
      </div>
      {props.footer}
      {props.resizer}
    </aside>
  );
});

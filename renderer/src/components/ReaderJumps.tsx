// Links from the top of the reader to the item's highlights, notes and related items, for
// a pane too narrow to show them beside the text (the stylesheet hides these when it is
// wide enough): one press instead of scrolling through a 3,000-word article.

import type { ItemView } from '../../../archive/api/types';

const PANELS = [
  { id: 'panel-highlights', label: 'Highlights', count: (i: ItemView) => i.highlights.length },
  { id: 'panel-notes', label: 'Notes', count: (i: ItemView) => i.notes.length },
  { id: 'panel-related', label: 'Related', count: (i: ItemView) => i.related.length },
];

export function ReaderJumps({ item }: { item: ItemView }) {
  return (
    <nav className="reader-jumps" aria-label="Jump to">
      {PANELS.map((p) => (
        <a
          key={p.id}
          href={`#${p.id}`}
          className="jump-link"
          onClick={(e) => {
            e.preventDefault();
            const panel = document.getElementById(p.id);
            panel?.scrollIntoView({ block: 'start' });
            panel?.focus({ preventScroll: true });
          }}
        >
          {p.label} <span className="count">{p.count(item)}</span>
        </a>
      ))}
    </nav>
  );
}

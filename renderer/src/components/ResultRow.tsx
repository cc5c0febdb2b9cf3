// One hit: a box to select it, its title, source, date, kind, tags (with their colours) and the best snippet
// with the matched words marked. The whole row opens the item; the title is its button for
// assistive technology. Every row has the same height (titles and snippets are clamped), so
// the list never measures rows while the user types or scrolls.

import { memo } from 'react';
import type { SearchHit } from '../../../archive/api/types';
import { formatDate } from '../lib/format';
import { SnippetText } from './SnippetText';
import { TagSwatch, colorOf } from './TagSwatch';

interface Props {
  hit: SearchHit;
  active: boolean;
  index: number;
  open: boolean;
  onOpen: (index: number, hit: SearchHit) => void;
  selected: boolean;
  /** 'toggle' for the row's box or Ctrl-click, 'range' for Shift-click. */
  onSelect: (index: number, hit: SearchHit, mode: 'toggle' | 'range') => void;
  tagColors: ReadonlyMap<string, string | null>;
}

export const ResultRow = memo(function ResultRow({
  hit,
  index,
  active,
  open,
  onOpen,
  selected,
  onSelect,
  tagColors,
}: Props) {
  const meta = [hit.source, formatDate(hit.published)].filter(Boolean).join(' · ');
  return (
    <div
      className={`result${active ? ' result-active' : ''}${open ? ' result-open' : ''}${selected ? ' result-selected' : ''}`}
      aria-current={open ? 'true' : undefined}
      onClick={(e) => {
        if (e.shiftKey || e.ctrlKey || e.metaKey) {
          e.preventDefault();
          document.getSelection()?.removeAllRanges();
          return onSelect(index, hit, e.shiftKey ? 'range' : 'toggle');
        }
        // A drag that selected text in the row is not a click to open it.
        const selection = document.getSelection();
        if (selection && !selection.isCollapsed && e.currentTarget.contains(selection.anchorNode)) return;
        onOpen(index, hit);
      }}
    >
      {/* Out of the Tab order like the title: in the list, x selects the active row. */}
      <input
        type="checkbox"
        className="result-check"
        tabIndex={-1}
        checked={selected}
        aria-label={`Select ${hit.title || 'Untitled'}`}
        onClick={(e) => {
          e.stopPropagation();
          if (e.shiftKey) {
            e.preventDefault();
            onSelect(index, hit, 'range');
          }
        }}
        onChange={() => onSelect(index, hit, 'toggle')}
      />
      <button type="button" className="result-title" tabIndex={-1}>
        {hit.kind !== 'article' && (
          <span className="kind-badge" aria-hidden="true">
            {hit.kind}
          </span>
        )}
        {hit.title || 'Untitled'}
      </button>
      {(meta || hit.tags.length > 0) && (
        <div className="result-meta">
          {meta && <span>{meta}</span>}
          {hit.tags.length > 0 && (
            <ul className="result-tags" aria-label="Tags">
              {hit.tags.map((t) => (
                <li key={t} className="mini-tag">
                  <TagSwatch color={colorOf(tagColors, t)} />
                  {t}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {hit.snippets[0] ? (
        <p className="result-snippet">
          <SnippetText snippet={hit.snippets[0]} />
        </p>
      ) : hit.snippet ? (
        <p className="result-snippet">{hit.snippet}</p>
      ) : null}
    </div>
  );
});

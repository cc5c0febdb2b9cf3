// One hit: its title, source, date, kind, tags (with their colours) and the best snippet
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
  tagColors: ReadonlyMap<string, string | null>;
}

export const ResultRow = memo(function ResultRow({ hit, index, active, open, onOpen, tagColors }: Props) {
  const meta = [hit.source, formatDate(hit.published)].filter(Boolean).join(' · ');
  return (
    <div
      className={`result${active ? ' result-active' : ''}${open ? ' result-open' : ''}`}
      aria-current={open ? 'true' : undefined}
      onClick={(e) => {
        // A drag that selected text in the row is not a click to open it.
        const selection = document.getSelection();
        if (selection && !selection.isCollapsed && e.currentTarget.contains(selection.anchorNode)) return;
        onOpen(index, hit);
      }}
    >
      <button type="button" className="result-title" tabIndex={-1}>
        {hit.kind !== 'article' && <span className="kind-badge" aria-hidden="true">{hit.kind}</span>}
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

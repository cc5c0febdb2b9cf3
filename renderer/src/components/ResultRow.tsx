// One hit: its title (a button that opens it), source, date, kind, tags and the best
// snippet with the matched words marked. Every row has the same height (titles and
// snippets are clamped), so the list never measures rows while the user types or scrolls.

import { memo } from 'react';
import type { SearchHit } from '../../../archive/api/types';
import { formatDate } from '../lib/format';
import { SnippetText } from './SnippetText';

interface Props {
  hit: SearchHit;
  active: boolean;
  index: number;
  open: boolean;
  onOpen: (index: number, hit: SearchHit) => void;
}

export const ResultRow = memo(function ResultRow({ hit, index, active, open, onOpen }: Props) {
  const meta = [hit.source, formatDate(hit.published)].filter(Boolean).join(' · ');
  return (
    <div className={`result${active ? ' result-active' : ''}${open ? ' result-open' : ''}`} aria-current={open ? 'true' : undefined}>
      <button type="button" className="result-title" tabIndex={-1} onClick={() => onOpen(index, hit)}>
        {hit.kind !== 'article' && <span className="kind-badge" aria-hidden="true">{hit.kind}</span>}
        {hit.title || 'Untitled'}
      </button>
      {(meta || hit.tags.length > 0) && (
        <div className="result-meta">
          {meta && <span>{meta}</span>}
          {hit.tags.length > 0 && (
            <ul className="result-tags">
              {hit.tags.map((t) => (
                <li key={t} className="mini-tag">
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

// One hit: its title (a button that opens it), source, date, kind, tags and the best
// snippet with the matched words marked.

import type { SearchHit } from '../../../archive/api/types';
import { formatDate } from '../lib/format';
import { SnippetText } from './SnippetText';

interface Props {
  hit: SearchHit;
  active: boolean;
  open: boolean;
  onClick: () => void;
}

export function ResultRow({ hit, active, open, onClick }: Props) {
  const meta = [hit.source, formatDate(hit.published)].filter(Boolean).join(' · ');
  return (
    <div className={`result${active ? ' result-active' : ''}${open ? ' result-open' : ''}`} aria-current={open ? 'true' : undefined}>
      <button type="button" className="result-title" tabIndex={-1} onClick={onClick}>
        {hit.kind !== 'article' && <span className="kind-badge">{hit.kind}</span>}
        {hit.title || 'Untitled'}
      </button>
      {meta && <div className="result-meta">{meta}</div>}
      {hit.snippets[0] ? (
        <p className="result-snippet">
          <SnippetText snippet={hit.snippets[0]} />
        </p>
      ) : hit.snippet ? (
        <p className="result-snippet">{hit.snippet}</p>
      ) : null}
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
  );
}

// A fetch of articles as it runs (a progress bar when the host reports one, a busy line
// when it cannot) and how it ended: how many became articles, and one line per item with
// what happened to it. It stays until dismissed, since failures need reading.

import type { FetchState } from '../hooks/useFetchArticles';
import { plural } from '../lib/format';

interface Props {
  state: FetchState | null;
  onDismiss: () => void;
  onOpen: (id: string) => void;
}

export function FetchStatus({ state, onDismiss, onOpen }: Props) {
  if (!state) return null;
  const fetched = state.results.filter((r) => r.ok).length;
  const failed = state.results.length - fetched;
  return (
    <div className="import-status fetch-status" role="status" aria-label="Fetching articles">
      {state.running ? (
        <div className="import-summary" aria-busy="true">
          <span>
            Fetching {state.what}
            {state.total !== null && state.total > 1 ? ` (${state.done} of ${state.total})` : ''}…
          </span>
          {state.total !== null && state.total > 1 ? (
            <progress max={state.total} value={state.done} aria-label="Fetch progress" />
          ) : (
            <progress aria-label="Fetch progress" />
          )}
        </div>
      ) : (
        <>
          <div className="import-summary">
            <strong>
              {state.results.length === 0
                ? 'There was nothing to fetch: no bookmark is waiting for its article.'
                : `Fetched ${plural(fetched, 'article')}${failed ? `; ${failed} could not be fetched` : ''}.`}
            </strong>
            <button type="button" className="icon-button" onClick={onDismiss}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss fetch results</span>
            </button>
          </div>
          {state.results.length > 0 && (
            <details className="import-details" open={failed > 0 || state.results.length <= 5}>
              <summary>Each item</summary>
              <ul className="import-skipped fetch-results">
                {state.results.slice(0, 200).map((r) => (
                  <li key={r.id} className={r.ok ? 'fetch-ok' : 'fetch-failed'}>
                    <button type="button" className="text-button fetch-title" onClick={() => onOpen(r.id)}>
                      {r.title || 'Untitled'}
                    </button>
                    : {r.ok ? '' : 'not fetched. '}
                    {r.message}
                  </li>
                ))}
                {state.results.length > 200 && <li>…and {state.results.length - 200} more.</li>}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

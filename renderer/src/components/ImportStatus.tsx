// Shows an import as it runs (a progress bar across batches) and how it ended: how many
// items went in, and each file that did not, with its reason.

import type { ImportState } from '../hooks/useImport';
import { plural } from '../lib/format';

export function ImportStatus({ state, onDismiss }: { state: ImportState | null; onDismiss: () => void }) {
  if (!state) return null;
  return (
    <div className="import-status" role="status" aria-label="Import">
      {state.running ? (
        <>
          <span>
            Importing {state.done} of {plural(state.total, 'file')}…
          </span>
          <progress max={state.total} value={state.done} aria-label="Import progress" />
        </>
      ) : (
        <>
          <div className="import-summary">
            <strong>Imported {plural(state.imported.length, 'item')}.</strong>
            {state.skipped.length > 0 && <span> {plural(state.skipped.length, 'file')} left out:</span>}
            <button type="button" className="icon-button" aria-label="Dismiss import summary" onClick={onDismiss}>
              ×
            </button>
          </div>
          {state.skipped.length > 0 && (
            <ul className="import-skipped">
              {state.skipped.slice(0, 50).map((s, i) => (
                <li key={i}>
                  <strong>{s.file}</strong>: {s.reason}
                </li>
              ))}
              {state.skipped.length > 50 && <li>…and {state.skipped.length - 50} more.</li>}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

// Shows an import as it runs (a progress bar across batches) and how it ended, in a strip
// under the toolbar that pushes the panes down rather than covering them. A clean import
// goes away by itself; one that left something out stays, listing each with its reason.

import { useEffect } from 'react';
import type { ImportState } from '../hooks/useImport';
import { plural } from '../lib/format';
import { countImport, hasFailures, importHeadline, isDuplicate } from '../lib/import-summary';

export const CLEAN_IMPORT_MS = 6000;

export function ImportStatus({ state, onDismiss }: { state: ImportState | null; onDismiss: () => void }) {
  const counts = state && !state.running ? countImport(state.imported.length, state.skipped) : null;
  const failed = counts ? hasFailures(counts) : false;
  useEffect(() => {
    if (!state || state.running || failed) return;
    const timer = setTimeout(onDismiss, CLEAN_IMPORT_MS);
    return () => clearTimeout(timer);
  }, [state, failed, onDismiss]);
  if (!state) return null;
  const listed = state.skipped.filter((s) => failed || isDuplicate(s));
  return (
    <div className="import-status" role="status" aria-label="Import">
      {state.running ? (
        <div className="import-summary">
          <span>
            Importing {state.done} of {plural(state.total, 'file')}…
          </span>
          <progress max={state.total} value={state.done} aria-label="Import progress" />
        </div>
      ) : (
        <>
          <div className="import-summary">
            <strong>{importHeadline(counts!)}</strong>
            <button type="button" className="icon-button" onClick={onDismiss}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss import summary</span>
            </button>
          </div>
          {listed.length > 0 && (
            <details className="import-details" open={failed}>
              <summary>{failed ? 'What was left out' : 'Details'}</summary>
              <ul className="import-skipped">
                {listed.slice(0, 50).map((s, i) => (
                  <li key={i}>
                    <strong>{s.file}</strong>: {s.reason}
                  </li>
                ))}
                {listed.length > 50 && <li>…and {listed.length - 50} more.</li>}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

// What a browser page shows when it may not reach its archive: opened without the token
// `dossier serve` printed, or holding the token of a server that has since restarted.
// Said in a sentence, instead of an empty archive stuck on "Searching…".

import type { SessionState } from '../api/client';

export function SessionProblem({ state }: { state: Exclude<SessionState, 'ok'> }) {
  return (
    <main className="session-problem">
      <div className="session-card">
        <h1 className="empty-title">
          {state === 'missing' ? 'This page has no session token.' : 'This page’s session token is no longer valid.'}
        </h1>
        <p className="error-text">
          {state === 'missing'
            ? 'Dossier only answers the address it printed when it started, which carries a session token.'
            : 'Dossier was restarted, and each run has its own session token.'}
        </p>
        <p>
          Open the address <code>dossier serve</code> printed in its terminal (it ends in <code>?token=…</code>).
        </p>
      </div>
    </main>
  );
}

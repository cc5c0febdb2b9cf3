// "Changed on both machines": each field two machines changed without seeing each other's
// edit, with the value kept now and the values that lost (kept, never dropped), newest
// first. Keeping one writes it over the others here and, next round, everywhere.

import { useEffect, useState } from 'react';
import type { ConflictView } from '../../../archive/api/types';
import { call } from '../api/client';
import { fieldLabel, showValue } from '../lib/sync-text';

interface Props {
  /** Changes when the number of conflicts does, so the list is read again. */
  count: number;
  onChosen: () => void;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function SyncConflicts({ count, onChosen }: Props) {
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('sync.conflicts', {}).then((o) => (o.ok ? setConflicts(o.value.conflicts) : setError(o.error.message)));
  }, [count]);

  const choose = async (c: ConflictView, pick: number) => {
    setBusy(true);
    setError(null);
    const outcome = await call('sync.choose', { entity: c.entity, field: c.field, pick });
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error.message);
    setConflicts(outcome.value.conflicts);
    onChosen();
  };

  if (conflicts === null)
    return error ? <p className="error-text">{error}</p> : <p aria-busy="true">Reading the conflicts…</p>;
  return (
    <section className="sync-conflicts" aria-labelledby="sync-conflicts-heading">
      <h3 id="sync-conflicts-heading" className="sync-heading">
        Changed on both machines
      </h3>
      {conflicts.length === 0 ? (
        <p className="dialog-hint">Nothing to choose: no field was changed on two machines at once.</p>
      ) : (
        <ul className="sync-conflict-list">
          {conflicts.map((c) => (
            <li key={`${c.entity} ${c.field}`} className="sync-conflict">
              <p className="sync-conflict-title">
                <strong>{c.title}</strong>: {fieldLabel(c.entity, c.field)} changed on both machines
              </p>
              <ol className="sync-values">
                {[c.current, ...c.others].map((v, i) => (
                  <li key={i} className={i === 0 ? 'sync-value sync-value-kept' : 'sync-value'}>
                    <span className="sync-value-text">{showValue(v.value)}</span>
                    <span className="sync-value-facts">
                      {i === 0 ? 'shown now · ' : 'kept aside · '}from {v.device.slice(0, 8)}, {when(v.at)}
                    </span>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void choose(c, i)}
                      aria-label={`Keep this: ${showValue(v.value)} as the ${fieldLabel(c.entity, c.field)} of ${c.title}`}
                    >
                      Keep this
                    </button>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="error-text">{error}</p>}
    </section>
  );
}

// What can be done to the selected results at once: tag, untag, mark read or unread,
// archive or move to the inbox, star or unstar, fetch their articles, export their notes,
// delete (after one confirmation). Shown above the list while anything is selected.

import { useState } from 'react';
import type { Args } from '../../../archive/api/contract';
import { plural } from '../lib/format';

type BulkAction = Args<'items.bulk'>['action'];

interface Props {
  count: number;
  onAction: (action: BulkAction) => Promise<void>;
  /** Opens the tag prompt for tagging ('tag') or untagging ('untag'). */
  onTag: (action: 'tag' | 'untag') => void;
  onFetch: () => void;
  onExport: () => void;
  onClear: () => void;
}

const SIMPLE: Array<[BulkAction, string]> = [
  ['read', 'Mark read'],
  ['unread', 'Mark unread'],
  ['archive', 'Archive'],
  ['unarchive', 'Move to inbox'],
  ['favourite', 'Favourite'],
  ['unfavourite', 'Unfavourite'],
];

export function BulkBar({ count, onAction, onTag, onFetch, onExport, onClear }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (action: BulkAction) => {
    setBusy(true);
    await onAction(action);
    setBusy(false);
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected results">
      <div className="bulk-head">
        <strong aria-live="polite">{plural(count, 'selected item', 'selected items')}</strong>
        <button type="button" className="text-button" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {confirming ? (
        <div className="bulk-actions confirm" role="group" aria-label="Confirm deletion">
          <span>Delete {plural(count, 'item')} with their notes and highlights?</span>
          <button
            type="button"
            className="small-button danger-button"
            disabled={busy}
            onClick={async () => {
              await run('delete');
              setConfirming(false);
            }}
          >
            Delete {plural(count, 'item')}
          </button>
          <button type="button" className="small-button" onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      ) : (
        <div className="bulk-actions">
          <button type="button" className="small-button" disabled={busy} onClick={() => onTag('tag')}>
            Tag…
          </button>
          <button type="button" className="small-button" disabled={busy} onClick={() => onTag('untag')}>
            Untag…
          </button>
          {SIMPLE.map(([action, label]) => (
            <button
              key={action}
              type="button"
              className="small-button"
              disabled={busy}
              onClick={() => void run(action)}
            >
              {label}
            </button>
          ))}
          <button type="button" className="small-button" disabled={busy} onClick={onFetch}>
            Fetch articles
          </button>
          <button type="button" className="small-button" disabled={busy} onClick={onExport}>
            Export notes…
          </button>
          <button
            type="button"
            className="small-button danger-button"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Delete…
          </button>
        </div>
      )}
    </div>
  );
}

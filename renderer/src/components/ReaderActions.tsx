// What can be done to the open item as a whole: mark it unread again, or delete it with
// its notes, highlights and links (after one confirmation, since it cannot be undone).

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';

interface Props {
  item: ItemView;
  onDeleted: () => void;
}

export function ReaderActions({ item, onDeleted }: Props) {
  const act = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="reader-actions">
      {item.readAt !== null && (
        <button type="button" className="text-button" onClick={() => void act('items.setRead', { id: item.id, read: false })}>
          Mark unread
        </button>
      )}
      {confirming ? (
        <span className="confirm" role="group" aria-label="Confirm deletion">
          Delete this item with its notes and highlights?
          <button
            type="button"
            className="text-button danger-button"
            onClick={async () => {
              if (await act('items.delete', { id: item.id })) onDeleted();
            }}
          >
            Delete item
          </button>
          <button type="button" className="text-button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="text-button" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </div>
  );
}

// What can be done to the open item as a whole: archive it or move it back to the inbox,
// star it, mark it read or unread, fetch its article from its address (a bookmark's first
// fetch, or again for any item with one, asking first when highlights point into the
// text), edit its details, or delete it with its notes,
// highlights and links (after one confirmation, since it cannot be undone).

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { EditDetailsDialog } from './EditDetailsDialog';

interface Props {
  item: ItemView;
  onDeleted: () => void;
  onFetch: (id: string, title: string) => void;
}

export function ReaderActions({ item, onDeleted, onFetch }: Props) {
  const act = useAction();
  const [confirming, setConfirming] = useState(false);
  // Fetching again replaces the text, and highlights point into the old text.
  const [refetching, setRefetching] = useState(false);
  const [editing, setEditing] = useState(false);
  const archived = item.archivedAt !== null;
  const read = item.readAt !== null;
  const isBookmark = item.kind === 'bookmark';
  return (
    <div className="reader-actions" role="group" aria-label="Item actions">
      {refetching ? (
        <span className="confirm" role="group" aria-label="Confirm fetching again">
          Fetching again replaces the text; its{' '}
          {item.highlights.length === 1 ? 'highlight' : `${item.highlights.length} highlights`} may no longer line up.
          <button
            type="button"
            className="text-button danger-button"
            onClick={() => {
              setRefetching(false);
              onFetch(item.id, item.title);
            }}
          >
            Fetch again
          </button>
          <button type="button" className="text-button" onClick={() => setRefetching(false)}>
            Keep this text
          </button>
        </span>
      ) : confirming ? (
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
        <>
          <button
            type="button"
            className="text-button"
            onClick={() => void act('items.setState', { id: item.id, archived: !archived })}
          >
            {archived ? 'Move to inbox' : 'Archive'}
          </button>
          <button
            type="button"
            className={`text-button favourite-button${item.favourite ? ' is-on' : ''}`}
            aria-pressed={item.favourite}
            onClick={() => void act('items.setState', { id: item.id, favourite: !item.favourite })}
          >
            <span aria-hidden="true">{item.favourite ? '★' : '☆'}</span> Favourite
          </button>
          <button
            type="button"
            className="text-button"
            onClick={() => void act('items.setState', { id: item.id, read: !read })}
          >
            {read ? 'Mark unread' : 'Mark read'}
          </button>
          {item.url && (
            <button
              type="button"
              className={isBookmark ? 'text-button fetch-button' : 'text-button'}
              onClick={() =>
                !isBookmark && item.highlights.length > 0 ? setRefetching(true) : onFetch(item.id, item.title)
              }
            >
              {isBookmark ? 'Fetch article' : 'Fetch again'}
            </button>
          )}
          <button type="button" className="text-button" onClick={() => setEditing(true)}>
            Edit details…
          </button>
          <button type="button" className="text-button" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        </>
      )}
      <EditDetailsDialog item={item} open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}

// The item's highlights listed beside the text: each quote with its comment, a way to jump
// to it in the text, edit its comment, or delete it (with Undo).

import { useEffect, useRef, useState } from 'react';
import type { Highlight, ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { useNotify } from './Notifications';
import { escapeCancels } from '../lib/escape-cancels';

interface Props {
  item: ItemView;
  focused: string | null;
  bodyRef: React.RefObject<HTMLDivElement | null>;
}

export function HighlightList({ item, focused, bodyRef }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (focused)
      listRef.current
        ?.querySelector<HTMLElement>(`[data-highlight="${focused}"]`)
        ?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  return (
    <section className="panel" id="panel-highlights" tabIndex={-1} aria-label="Highlights">
      <h2 className="panel-heading">Highlights</h2>
      {item.highlights.length === 0 ? (
        <p className="panel-empty">Select a passage in the text and press Highlight.</p>
      ) : (
        <ul className="highlight-list" ref={listRef}>
          {item.highlights.map((h) => (
            <HighlightEntry key={h.id} highlight={h} itemId={item.id} focused={focused === h.id} bodyRef={bodyRef} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HighlightEntry({
  highlight,
  itemId,
  focused,
  bodyRef,
}: {
  highlight: Highlight;
  itemId: string;
  focused: boolean;
  bodyRef: React.RefObject<HTMLDivElement | null>;
}) {
  const act = useAction();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState(highlight.comment ?? '');
  const cancel = () => {
    setComment(highlight.comment ?? '');
    setEditing(false);
  };
  const show = () => {
    const mark = bodyRef.current?.querySelector<HTMLElement>(`mark[data-highlight-id="${highlight.id}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark?.classList.add('highlight-flash');
    setTimeout(() => mark?.classList.remove('highlight-flash'), 1200);
  };
  const remove = async () => {
    if (!(await act('highlights.delete', { id: highlight.id }))) return;
    notify.info('Highlight deleted.', {
      label: 'Undo',
      run: () =>
        void act('highlights.create', {
          itemId,
          quote: highlight.quote,
          start: highlight.start,
          end: highlight.end,
          comment: highlight.comment,
          color: highlight.color,
        }),
    });
  };
  return (
    <li className={`highlight-entry${focused ? ' highlight-entry-focused' : ''}`} data-highlight={highlight.id}>
      <button
        type="button"
        className="quote-button"
        onClick={show}
        aria-label={`Show highlight in text: ${highlight.quote.slice(0, 80)}`}
      >
        <blockquote className="quote">{highlight.quote}</blockquote>
      </button>
      {editing ? (
        <form
          className="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await act('highlights.update', { id: highlight.id, comment: comment.trim() || null }))
              setEditing(false);
          }}
        >
          <textarea
            aria-label="Edit comment"
            value={comment}
            rows={2}
            autoFocus
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={escapeCancels(cancel)}
          />
          <div className="button-row">
            <button type="submit">Save</button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        highlight.comment && <p className="highlight-comment-text">{highlight.comment}</p>
      )}
      {!editing && (
        <div className="button-row subtle">
          <button type="button" onClick={() => setEditing(true)}>
            {highlight.comment ? 'Edit comment' : 'Add comment'}
          </button>
          <button type="button" aria-label="Delete highlight" onClick={remove}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

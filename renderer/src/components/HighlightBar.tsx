// Turns the selected passage into a highlight, with an optional comment. The "Highlight"
// button is always in the same place (so it can be reached by keyboard) and is enabled
// only while a passage of the article is selected.

import { useState } from 'react';
import type { PendingHighlight } from './ArticleBody';
import { useAction } from '../hooks/useAction';

interface Props {
  itemId: string;
  pending: PendingHighlight | null;
  formRef: React.RefObject<HTMLFormElement | null>;
  onDone: () => void;
}

export function HighlightBar({ itemId, pending, formRef, onDone }: Props) {
  const act = useAction();
  const [comment, setComment] = useState('');
  const submit = async () => {
    if (!pending) return;
    const done = await act('highlights.create', {
      itemId,
      quote: pending.quote,
      start: pending.start,
      end: pending.end,
      comment: comment.trim() || null,
    });
    if (done) {
      setComment('');
      document.getSelection()?.removeAllRanges();
      onDone();
    }
  };
  return (
    <form
      ref={formRef}
      className={`highlight-bar${pending ? ' highlight-bar-ready' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <span className="highlight-hint">
        {pending
          ? `“${pending.quote.slice(0, 60)}${pending.quote.length > 60 ? '…' : ''}”`
          : 'Select a passage (or Shift+arrows in the text), then h.'}
      </span>
      {pending && (
        <input
          className="highlight-comment"
          aria-label="Highlight comment"
          placeholder="Comment (optional)"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      )}
      <button type="submit" className="primary-button" disabled={!pending} onMouseDown={(e) => e.preventDefault()}>
        Highlight{' '}
        <kbd className="key-hint" aria-hidden="true">
          h
        </kbd>
      </button>
    </form>
  );
}

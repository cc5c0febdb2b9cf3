// One linked item in the Related panel: open it, unlink it, or give the link a label
// ("background", "follow-up") in place; Enter saves the label, Esc gives up.

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { escapeCancels } from '../lib/escape-cancels';
import { MAX_LABEL_LENGTH } from '../../../archive/api/rules';

type Related = ItemView['related'][number];

export function RelatedLink({
  itemId,
  related,
  onOpen,
}: {
  itemId: string;
  related: Related;
  onOpen: (id: string) => void;
}) {
  const act = useAction();
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(related.label ?? '');
  const title = related.title || 'Untitled';
  const cancel = () => {
    setLabel(related.label ?? '');
    setEditing(false);
  };
  if (editing) {
    return (
      <li className="related related-editing">
        <form
          className="label-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await act('relations.link', { a: itemId, b: related.id, label: label.trim() || null }))
              setEditing(false);
          }}
        >
          <label className="field">
            Label for the link to “{title}”
            <input
              value={label}
              maxLength={MAX_LABEL_LENGTH}
              autoFocus
              placeholder="e.g. background, follow-up"
              onChange={(e) => setLabel(e.target.value)}
              onKeyDown={escapeCancels(cancel)}
            />
          </label>
          <div className="button-row">
            <button type="submit" className="small-button">
              Save label
            </button>
            <button type="button" className="small-button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="related">
      <button type="button" className="link-button" onClick={() => onOpen(related.id)}>
        {related.kind !== 'article' && (
          <span className="kind-badge" aria-hidden="true">
            {related.kind}
          </span>
        )}
        {title}
      </button>
      <button type="button" className="related-label text-button" onClick={() => setEditing(true)}>
        {related.label ?? '+ label'}
        <span className="visually-hidden">: edit the label of the link to {title}</span>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => void act('relations.unlink', { a: itemId, b: related.id })}
      >
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">Unlink {title}</span>
      </button>
    </li>
  );
}

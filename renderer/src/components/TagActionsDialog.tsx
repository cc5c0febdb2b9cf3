// What can be done to a tag across the whole archive: rename it, merge it into another,
// give it a colour, or delete it from every item (after one confirmation). Renaming it
// to a tag that exists already is a merge, and asks first.

import { useEffect, useState } from 'react';
import type { TagCount } from '../../../archive/api/types';
import { Dialog } from './Dialog';
import { MAX_TAG_LENGTH, sameTag } from '../../../archive/api/rules';
import { useAction } from '../hooks/useAction';

interface Props {
  tag: TagCount | null;
  tags: TagCount[];
  onClose: () => void;
  onRenamed: (from: string, to: string) => void;
}

export function TagActionsDialog({ tag, tags, onClose, onRenamed }: Props) {
  const act = useAction();
  const [name, setName] = useState('');
  const [into, setInto] = useState('');
  const [color, setColor] = useState('#7a8ca3');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmMerge, setConfirmMerge] = useState<string | null>(null);
  useEffect(() => {
    setName(tag?.name ?? '');
    setInto('');
    setColor(tag?.color ?? '#7a8ca3');
    setConfirmDelete(false);
    setConfirmMerge(null);
  }, [tag]);
  if (!tag)
    return (
      <Dialog title="Tag" open={false} onClose={onClose}>
        {null}
      </Dialog>
    );

  const done = (ok: unknown, renamedTo?: string) => {
    if (ok === null) return;
    if (renamedTo) onRenamed(tag.name, renamedTo);
    onClose();
  };
  return (
    <Dialog title={`Tag “${tag.name}”`} open onClose={onClose}>
      {confirmMerge ? (
        <div className="form-row confirm-row" role="group" aria-label="Confirm merge">
          <span>
            “{confirmMerge}” exists already. Merge “{tag.name}” into it ({tag.count} item{tag.count === 1 ? '' : 's'})?
          </span>
          <button
            type="button"
            className="primary-button"
            onClick={async () => done(await act('tags.merge', { from: [tag.name], into: confirmMerge }), confirmMerge)}
          >
            Merge
          </button>
          <button type="button" onClick={() => setConfirmMerge(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <form
          className="form-row"
          onSubmit={async (e) => {
            e.preventDefault();
            const to = name.trim();
            if (!to || to === tag.name) return;
            const existing = tags.find((t) => t.name !== tag.name && sameTag(t.name, to));
            if (existing) setConfirmMerge(existing.name);
            else done(await act('tags.rename', { from: tag.name, to }), to);
          }}
        >
          <label>
            Rename to
            <input value={name} maxLength={MAX_TAG_LENGTH} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit">Rename</button>
        </form>
      )}
      <form
        className="form-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (into) done(await act('tags.merge', { from: [tag.name], into }), into);
        }}
      >
        <label>
          Merge into
          <select value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">Choose a tag…</option>
            {tags
              .filter((t) => t.name !== tag.name)
              .map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={!into}>
          Merge
        </button>
      </form>
      <form
        className="form-row"
        onSubmit={async (e) => {
          e.preventDefault();
          done(await act('tags.setColor', { name: tag.name, color }));
        }}
      >
        <label>
          Colour
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <button type="submit">Set colour</button>
        {tag.color && (
          <button type="button" onClick={async () => done(await act('tags.setColor', { name: tag.name, color: null }))}>
            No colour
          </button>
        )}
      </form>
      <div className="form-row danger">
        {confirmDelete ? (
          <>
            <span>
              Remove “{tag.name}” from {tag.count} item{tag.count === 1 ? '' : 's'}?
            </span>
            <button
              type="button"
              className="danger-button"
              onClick={async () => done(await act('tags.delete', { name: tag.name }))}
            >
              Delete tag
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger-button" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
    </Dialog>
  );
}

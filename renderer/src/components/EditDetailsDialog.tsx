// "Edit details…": an item's title, source, published date, address, byline and language,
// for a page whose metadata came out wrong (a mis-decoded title, a missing date). Only
// what changed is sent; an emptied field clears it (the title cannot be emptied).

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import type { Args } from '../../../archive/api/contract';
import { Dialog } from './Dialog';
import { useAction } from '../hooks/useAction';
import { useResetOnOpen } from '../hooks/useResetOnOpen';

interface Props {
  item: ItemView;
  open: boolean;
  onClose: () => void;
}

type Fields = { title: string; source: string; published: string; url: string; byline: string; language: string };

const fieldsOf = (item: ItemView): Fields => ({
  title: item.title,
  source: item.source ?? '',
  published: item.published ?? '',
  url: item.url ?? '',
  byline: item.byline ?? '',
  language: item.language,
});

type Patch = Args<'items.update'>['patch'];

/** The fields that differ from the item, as a patch (empty optional fields become null). */
export function patchOf(item: ItemView, f: Fields): Patch {
  const before = fieldsOf(item);
  const patch: Patch = {};
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  if (f.title.trim() !== before.title && f.title.trim()) patch.title = f.title.trim();
  if (f.source.trim() !== before.source) patch.source = orNull(f.source);
  if (f.published.trim() !== before.published) patch.published = orNull(f.published);
  if (f.url.trim() !== before.url) patch.url = orNull(f.url);
  if (f.byline.trim() !== before.byline) patch.byline = orNull(f.byline);
  if (f.language.trim() !== before.language && f.language.trim()) patch.language = f.language.trim().toLowerCase();
  return patch;
}

export function EditDetailsDialog({ item, open, onClose }: Props) {
  const act = useAction();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(item));
  const [busy, setBusy] = useState(false);
  // Reset only when it opens (or for another item): a refetch while typing must not wipe the edits.
  useResetOnOpen(open, item.id, () => setFields(fieldsOf(item)));
  const set = (key: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));
  return (
    <Dialog title="Edit details" open={open} onClose={onClose}>
      <form
        className="details-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const patch = patchOf(item, fields);
          if (Object.keys(patch).length === 0) return onClose();
          setBusy(true);
          const saved = await act('items.update', { id: item.id, patch });
          setBusy(false);
          if (saved) onClose();
        }}
      >
        <label className="field">
          Title
          <input type="text" required value={fields.title} onChange={set('title')} autoFocus />
        </label>
        <div className="form-row">
          <label className="field">
            Source
            <input type="text" value={fields.source} onChange={set('source')} placeholder="BBC News" />
          </label>
          <label className="field">
            Published
            <input
              type="text"
              value={fields.published}
              onChange={set('published')}
              placeholder="YYYY-MM-DD"
              pattern="\d{4}(-\d{2}(-\d{2}.*)?)?"
            />
          </label>
        </div>
        <label className="field">
          Web address
          <input type="url" value={fields.url} onChange={set('url')} placeholder="https://…" />
        </label>
        <div className="form-row">
          <label className="field">
            Byline
            <input type="text" value={fields.byline} onChange={set('byline')} />
          </label>
          <label className="field field-short">
            Language
            <input
              type="text"
              value={fields.language}
              onChange={set('language')}
              pattern="[A-Za-z]{2,3}"
              placeholder="en"
            />
          </label>
        </div>
        <div className="button-row">
          <button type="submit" className="primary-button" disabled={busy || !fields.title.trim()}>
            {busy ? 'Saving…' : 'Save details'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

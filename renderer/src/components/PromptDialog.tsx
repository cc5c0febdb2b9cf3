// A dialog that asks for one line of text (a tag for all results, a saved search's name)
// and hands it back; it stays open with the answer's error when the call fails.

import { useState } from 'react';
import { useResetOnOpen } from '../hooks/useResetOnOpen';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  open: boolean;
  label: string;
  hint?: string;
  submit: string;
  initial?: string;
  /** The longest answer the archive accepts (archive/api/rules). */
  maxLength: number;
  onClose: () => void;
  /** Returns whether it worked; the dialog closes only then. */
  onSubmit: (value: string) => Promise<boolean>;
}

export function PromptDialog({ title, open, label, hint, submit, initial = '', maxLength, onClose, onSubmit }: Props) {
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  useResetOnOpen(open, initial, () => setValue(initial));
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!value.trim()) return;
          setBusy(true);
          const ok = await onSubmit(value.trim());
          setBusy(false);
          if (ok) onClose();
        }}
      >
        <label className="field">
          {label}
          <input type="text" value={value} maxLength={maxLength} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        {hint && <p className="dialog-hint">{hint}</p>}
        <div className="button-row">
          <button type="submit" className="primary-button" disabled={!value.trim() || busy}>
            {submit}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

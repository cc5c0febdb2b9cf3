// One note: its Markdown rendered (and sanitised) for reading, a textarea for editing,
// (Esc cancels it), and delete with Undo rather than a confirmation dialog.

import { useState } from 'react';
import type { Note } from '../../../archive/api/types';
import { renderMarkdown } from '../lib/sanitize';
import { formatDate } from '../lib/format';
import { useAction } from '../hooks/useAction';
import { useNotify } from './Notifications';
import { escapeCancels } from '../lib/escape-cancels';
import { MAX_NOTE_LENGTH } from '../../../archive/api/rules';

export function NoteCard({ note, itemId }: { note: Note; itemId: string }) {
  const act = useAction();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const cancel = () => {
    setText(note.text);
    setEditing(false);
  };
  const remove = async () => {
    if (!(await act('notes.delete', { id: note.id }))) return;
    notify.info('Note deleted.', { label: 'Undo', run: () => void act('notes.create', { itemId, text: note.text }) });
  };
  return (
    <li className="note">
      {editing ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (text.trim() && (await act('notes.update', { id: note.id, text: text.trim() }))) setEditing(false);
          }}
        >
          <textarea
            aria-label="Edit note"
            maxLength={MAX_NOTE_LENGTH}
            value={text}
            rows={5}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Esc gives up the edit (the note keeps its text); Ctrl/Cmd+Enter saves.
              if (escapeCancels(cancel)(e)) return;
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <div className="button-row">
            <button type="submit">Save</button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className="note-text markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(note.text) }} />
          <div className="note-footer">
            <span className="note-date">{formatDate(note.updated)}</span>
            <div className="button-row subtle">
              <button type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" aria-label="Delete note" onClick={remove}>
                Delete
              </button>
            </div>
          </div>
        </>
      )}
    </li>
  );
}

// The item's notes, in Markdown: each rendered (sanitised) and editable, deleted with an
// Undo; and a "New note" field with an "Add note" button (Ctrl/Cmd+Enter adds too).

import { useState } from 'react';
import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { NoteCard } from './NoteCard';
import { MAX_NOTE_LENGTH } from '../../../archive/api/rules';

interface Props {
  item: ItemView;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}

export function NotesPanel({ item, inputRef }: Props) {
  const act = useAction();
  const [draft, setDraft] = useState('');
  const add = async () => {
    if (!draft.trim()) return;
    if (await act('notes.create', { itemId: item.id, text: draft.trim() })) setDraft('');
  };
  return (
    <section className="panel" id="panel-notes" tabIndex={-1} aria-label="Notes">
      <h2 className="panel-heading">Notes</h2>
      {item.notes.length === 0 && (
        <p className="panel-empty">No notes yet. Write one below (press n); Markdown works.</p>
      )}
      {item.notes.length > 0 && (
        <ul className="note-list">
          {item.notes.map((note) => (
            <NoteCard key={note.id} note={note} itemId={item.id} />
          ))}
        </ul>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <textarea
          ref={inputRef}
          aria-label="New note"
          maxLength={MAX_NOTE_LENGTH}
          placeholder="Write a note in Markdown…"
          rows={3}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="submit" className="primary-button" disabled={!draft.trim()}>
          Add note
        </button>
      </form>
    </section>
  );
}

// Markdown notes attached to an item. Each change re-indexes the item, so a note's words
// find the item it belongs to.

import type { Archive } from './archive';
import type { Note } from './model';
import { newId } from './ids';
import { MAX_NOTE_LENGTH } from './model';
import { invalid, notFound } from './errors';

function cleanText(text: string): string {
  if (!text.trim()) throw invalid('A note cannot be empty.');
  if (text.length > MAX_NOTE_LENGTH) throw invalid(`A note can be at most ${MAX_NOTE_LENGTH} characters long.`);
  return text.replace(/\r\n?/g, '\n');
}

function findNote(archive: Archive, id: string): Note {
  const note = archive.data.notes.find((n) => n.id === id);
  if (!note) throw notFound('note', id);
  return note;
}

export function createNote(archive: Archive, itemId: string, text: string): Note {
  const item = archive.item(itemId);
  const now = archive.now();
  const note: Note = { id: newId(), itemId, text: cleanText(text), created: now, updated: now };
  archive.data.notes.push(note);
  archive.record('notes', note);
  archive.commit(item);
  return note;
}

export function updateNote(archive: Archive, id: string, text: string): Note {
  const note = findNote(archive, id);
  note.text = cleanText(text);
  note.updated = archive.now();
  archive.record('notes', note);
  archive.commit(archive.item(note.itemId));
  return note;
}

export function deleteNote(archive: Archive, id: string): void {
  const note = findNote(archive, id);
  archive.data.notes = archive.data.notes.filter((n) => n !== note);
  archive.unrecord('notes', note.id);
  archive.commit(archive.item(note.itemId));
}

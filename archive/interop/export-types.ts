// What the note exporters take and give: one entry per item with its highlights, notes and
// related items (the core gathers them for a scope), and files as relative paths + text.

import type { Highlight, Item, Note } from '../core/model';

export interface ExportEntry {
  item: Item;
  highlights: Highlight[];
  notes: Note[];
  related: Array<{ id: string; title: string; label: string | null }>;
}

/** One file to write, at a path relative to the export's folder (forward slashes). */
export interface ExportFile {
  path: string;
  content: string;
}

/** The formats a notes export is written in. */
export const NOTES_FORMATS = ['md', 'digest', 'json', 'csv'] as const;
export type NotesFormat = (typeof NOTES_FORMATS)[number];

/** Highlights in reading order: by start, then end, then id so that ties are stable. */
export function inTextOrder(highlights: readonly Highlight[]): Highlight[] {
  return [...highlights].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Notes oldest first, ties by id. */
export function byCreation(notes: readonly Note[]): Note[] {
  return [...notes].sort((a, b) =>
    a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

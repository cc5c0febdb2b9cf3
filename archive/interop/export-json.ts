// Exports notes and highlights as one versioned JSON document ({ version: 1, exported,
// items }) holding the same data as the Markdown export, nothing dropped: each item's full
// metadata, its highlights in text order, its notes oldest first, its related items.

import { byCreation, inTextOrder, type ExportEntry, type ExportFile } from './export-types';

export const NOTES_JSON_VERSION = 1;
export const JSON_PATH = 'dossier-notes.json';

export interface NotesJson {
  version: typeof NOTES_JSON_VERSION;
  exported: string;
  items: ExportEntry[];
}

export function exportJson(entries: readonly ExportEntry[], exported: string): ExportFile[] {
  const doc: NotesJson = {
    version: NOTES_JSON_VERSION,
    exported,
    items: entries.map((e) => ({
      item: e.item,
      highlights: inTextOrder(e.highlights),
      notes: byCreation(e.notes),
      related: e.related,
    })),
  };
  return [{ path: JSON_PATH, content: `${JSON.stringify(doc, null, 2)}\n` }];
}

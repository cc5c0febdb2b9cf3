// One entry point for the note exporters, so that the CLI and the contract choose a format
// by name. Every exporter is pure: the same entries and `exported` stamp give the same files.

import { exportCsv } from './export-csv';
import { exportDigest } from './export-digest';
import { exportJson } from './export-json';
import { exportMarkdown } from './export-markdown';
import type { ExportEntry, ExportFile, NotesFormat } from './export-types';

export { NOTES_FORMATS, type NotesFormat } from './export-types';

const writers: Record<NotesFormat, (entries: readonly ExportEntry[], exported: string) => ExportFile[]> = {
  md: exportMarkdown,
  digest: exportDigest,
  json: exportJson,
  csv: exportCsv,
};

/** Whether an item has anything a notes export is for: a note or a highlight. */
export function hasAnnotations(entry: ExportEntry): boolean {
  return entry.notes.length > 0 || entry.highlights.length > 0;
}

/**
 * The files of a notes export in `format`, at paths relative to the export folder. Items
 * with neither notes nor highlights are left out: exporting "everything" writes files
 * for what was annotated, not one empty file per item in the archive.
 */
export function writeNotesExport(entries: readonly ExportEntry[], format: NotesFormat, exported: string): ExportFile[] {
  return writers[format](entries.filter(hasAnnotations), exported);
}

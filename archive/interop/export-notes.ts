// One entry point for the note exporters, so that the CLI and the contract choose a format
// by name. Every exporter is pure: the same entries and `exported` stamp give the same files.

import { exportCsv } from './export-csv';
import { exportDigest } from './export-digest';
import { exportJson } from './export-json';
import { exportMarkdown } from './export-markdown';
import type { ExportEntry, ExportFile, NotesFormat } from './export-types';

export type { NotesFormat } from './export-types';

export const NOTES_FORMATS: readonly NotesFormat[] = ['md', 'digest', 'json', 'csv'];

const writers: Record<NotesFormat, (entries: readonly ExportEntry[], exported: string) => ExportFile[]> = {
  md: exportMarkdown,
  digest: exportDigest,
  json: exportJson,
  csv: exportCsv,
};

/** The files of a notes export in `format`, at paths relative to the export folder. */
export function writeNotesExport(entries: readonly ExportEntry[], format: NotesFormat, exported: string): ExportFile[] {
  return writers[format](entries, exported);
}

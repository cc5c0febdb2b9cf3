// Exports notes and highlights as CSV (RFC 4180, CRLF, UTF-8 with a byte order mark so
// that spreadsheet programs read accents right): one row per highlight or note, with the
// item it belongs to repeated on each row. Items without either contribute no rows.

import { writeCsv } from './csv';
import { byCreation, inTextOrder, type ExportEntry, type ExportFile } from './export-types';

export const CSV_PATH = 'dossier-notes.csv';

export const CSV_COLUMNS = [
  'type',
  'item_id',
  'item_title',
  'item_url',
  'item_source',
  'item_published',
  'item_tags',
  'id',
  'quote',
  'text',
  'start',
  'end',
  'color',
  'created',
  'updated',
] as const;

export function exportCsv(entries: readonly ExportEntry[], exported: string): ExportFile[] {
  void exported; // the rows carry their own dates; kept for the exporters' common shape
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const { item, highlights, notes } of entries) {
    const itemCells = [
      item.id,
      item.title,
      item.url ?? '',
      item.source ?? '',
      item.published ?? '',
      item.tags.join('; '),
    ];
    for (const h of inTextOrder(highlights)) {
      rows.push([
        'highlight',
        ...itemCells,
        h.id,
        h.quote,
        h.comment ?? '',
        String(h.start),
        String(h.end),
        h.color ?? '',
        h.created,
        h.updated,
      ]);
    }
    for (const n of byCreation(notes))
      rows.push(['note', ...itemCells, n.id, '', n.text, '', '', '', n.created, n.updated]);
  }
  return [{ path: CSV_PATH, content: `\ufeff${writeCsv(rows)}` }];
}

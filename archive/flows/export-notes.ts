// Gathers what a notes export covers — one item, a tag, a search's results, or everything —
// with each item's highlights, notes and related items, and hands it to the format's writer.

import type { Archive } from '../core/archive';
import type { ExportEntry } from '../interop/export-types';
import { hasTag } from '../core/tags';
import type { ExportScope } from '../core/fields';
import { hasAnnotations, writeNotesExport, type NotesFormat } from '../interop/export-notes';

export type { ExportScope };

async function scopeIds(archive: Archive, scope: ExportScope): Promise<string[]> {
  switch (scope.kind) {
    case 'item':
      archive.item(scope.id);
      return [scope.id];
    case 'tag':
      return archive.data.items.filter((i) => hasTag(i.tags, scope.tag)).map((i) => i.id);
    case 'query': {
      const first = await archive.index.query({ q: scope.q, limit: 500 });
      const ids = first.hits.map((h) => h.id);
      for (let offset = ids.length; offset < first.total; offset += 500) {
        ids.push(...(await archive.index.query({ q: scope.q, offset, limit: 500 })).hits.map((h) => h.id));
      }
      return ids;
    }
    case 'all':
      return archive.data.items.map((i) => i.id);
  }
}

export function exportEntry(archive: Archive, id: string): ExportEntry {
  return {
    item: archive.item(id),
    highlights: archive.highlightsOf(id),
    notes: archive.notesOf(id),
    related: archive.relatedOf(id).map((r) => ({ id: r.id, title: r.title, label: r.label })),
  };
}

export async function exportNotes(archive: Archive, scope: ExportScope, format: NotesFormat, exported = archive.now()) {
  const entries = (await scopeIds(archive, scope)).map((id) => exportEntry(archive, id));
  return { files: writeNotesExport(entries, format, exported), items: entries.filter(hasAnnotations).length };
}

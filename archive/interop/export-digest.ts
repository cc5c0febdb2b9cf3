// Exports notes and highlights as one Markdown digest: a heading per item (in the order
// given) with its source line, highlights as block quotes in text order each followed by
// its comment, its notes (their headings below the digest's), and its related items by
// title and id. Every date is written one way: YYYY-MM-DD (or as much of it as is known).

import type { ExportEntry, ExportFile } from './export-types';
import { highlightBlocks, linkText, noteBlocks } from './markdown-blocks';

export const DIGEST_PATH = 'Dossier digest.md';

/** An ISO date or timestamp as its calendar date (`2024-10-06`, `2024-10`, `2024`). */
export function calendarDate(iso: string): string {
  const m = /^(\d{4})(-\d{2})?(-\d{2})?/.exec(iso);
  return m ? m[0] : iso;
}

export function exportDigest(entries: readonly ExportEntry[], exported: string): ExportFile[] {
  const parts: string[] = [
    `# Dossier digest`,
    `Exported ${calendarDate(exported)} · ${entries.length} ${entries.length === 1 ? 'item' : 'items'}`,
  ];
  for (const entry of entries) {
    const { item } = entry;
    parts.push(`## ${item.title.replace(/\s+/g, ' ').trim()}`);
    const meta = [
      item.source,
      item.published === null ? null : calendarDate(item.published),
      item.url !== null ? `<${item.url}>` : null,
    ].filter((m): m is string => m !== null && m !== '');
    if (item.tags.length > 0) meta.push(`tags: ${item.tags.join(', ')}`);
    if (meta.length > 0) parts.push(meta.join(' · '));
    const highlights = highlightBlocks(entry.highlights);
    if (highlights.length > 0) parts.push('### Highlights', ...highlights);
    const notes = noteBlocks(entry.notes, 4);
    if (notes !== '') parts.push('### Notes', notes);
    if (entry.related.length > 0) {
      parts.push(
        '### Related',
        entry.related
          .map((r) => `- ${linkText(r.title)} (id ${r.id}${r.label !== null ? `, ${r.label}` : ''})`)
          .join('\n'),
      );
    }
  }
  return [{ path: DIGEST_PATH, content: `${parts.join('\n\n')}\n` }];
}

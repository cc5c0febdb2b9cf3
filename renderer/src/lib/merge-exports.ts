// Joins notes exports made item by item (the archive's export scopes have no "these ids")
// into what one export of the whole selection gives: one JSON document, one CSV with one
// header row, one digest with one heading, or every Markdown file (a taken path renamed).

import type { ExportedFile as ExportFile, ExportFormat as NotesFormat } from '../../../archive/api/types';

export type { ExportFile, NotesFormat };

/** Markdown files side by side: a path already taken gets -2, -3… before its extension. */
function allFiles(parts: ExportFile[][]): ExportFile[] {
  const out: ExportFile[] = [];
  for (const f of parts.flat()) {
    let path = f.path;
    for (let n = 2; out.some((g) => g.path === path); n++) path = f.path.replace(/(\.[a-z]+)?$/, `-${n}$1`);
    out.push({ path, content: f.content });
  }
  return out;
}

function joinJson(files: ExportFile[]): string {
  const docs = files.map((f) => JSON.parse(f.content) as { version: number; exported: string; items: unknown[] });
  return `${JSON.stringify({ ...docs[0], items: docs.flatMap((d) => d.items) }, null, 2)}\n`;
}

function joinCsv(files: ExportFile[]): string {
  const [first, ...rest] = files.map((f) => f.content.replace(/\r?\n$/, ''));
  const rows = rest
    .map((c) => c.slice(c.search(/\r?\n/) < 0 ? c.length : c.search(/\r?\n/)).replace(/^\r?\n/, ''))
    .filter(Boolean);
  return `${[first, ...rows].join('\r\n')}\r\n`;
}

/** A digest is "# Dossier digest", "Exported <date> · N items", then its items' sections. */
function joinDigest(files: ExportFile[], items: number): string {
  const heads = files[0].content.split('\n\n').slice(0, 2);
  heads[1] = heads[1].replace(/·\s*\d+\s+items?/, `· ${items} ${items === 1 ? 'item' : 'items'}`);
  const bodies = files.map((f) => f.content.split('\n\n').slice(2).join('\n\n').replace(/\n$/, '')).filter(Boolean);
  return `${[...heads, ...bodies].join('\n\n')}\n`;
}

/** `parts` holds each item's export, in the selection's order. */
export function mergeExports(format: NotesFormat, parts: ExportFile[][]): ExportFile[] {
  const singles = parts.filter((p) => p.length > 0);
  if (singles.length === 0) return [];
  if (format === 'md') return allFiles(singles);
  const files = singles.map((p) => p[0]);
  const path = files[0].path;
  if (format === 'json') return [{ path, content: joinJson(files) }];
  if (format === 'csv') return [{ path, content: joinCsv(files) }];
  return [{ path, content: joinDigest(files, files.length) }];
}

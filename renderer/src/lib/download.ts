// Hands exported files to the person: one file downloads as itself, several go into one
// zip (built here with fflate), so an export is always a single download.

import { zipSync, strToU8 } from 'fflate';

import type { ExportedFile } from '../../../archive/api/types';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function typeOf(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.csv')) return 'text/csv';
  return 'text/markdown';
}

/** Downloads the files; returns the name of what was saved. */
export function downloadFiles(files: ExportedFile[], zipName: string): string {
  if (files.length === 1) {
    const name = files[0].path.split('/').pop() || 'dossier-export.md';
    save(new Blob([files[0].content], { type: `${typeOf(name)};charset=utf-8` }), name);
    return name;
  }
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path.replace(/^\/+/, '')] = strToU8(f.content);
  save(new Blob([zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), zipName);
  return zipName;
}

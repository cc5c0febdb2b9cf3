// The one sentence that sums up an import: what went in, what was already there, and what
// was left out, counting entries inside an export file as entries, not as files. The
// archive names an entry "file › title" and a duplicate "already in the archive as …".

import { plural } from './format';

import type { ImportSummary } from '../../../archive/api/types';

export type Skipped = ImportSummary['skipped'][number];

export interface ImportCounts {
  imported: number;
  duplicates: number;
  entries: number;
  files: number;
}

export function isDuplicate(s: Skipped): boolean {
  return /^already in the archive\b/i.test(s.reason);
}

export function countImport(imported: number, skipped: readonly Skipped[]): ImportCounts {
  const duplicates = skipped.filter(isDuplicate).length;
  const entries = skipped.filter((s) => !isDuplicate(s) && s.file.includes(' › ')).length;
  return { imported, duplicates, entries, files: skipped.length - duplicates - entries };
}

/** Something the reader should look at: an entry or a file that could not be imported. */
export function hasFailures(counts: ImportCounts): boolean {
  return counts.entries + counts.files > 0;
}

export function importHeadline(counts: ImportCounts): string {
  const { imported, duplicates, entries, files } = counts;
  if (imported === 0 && duplicates > 0 && !hasFailures(counts)) {
    return duplicates === 1
      ? 'Nothing new: this was already in the archive.'
      : `Nothing new: all ${duplicates.toLocaleString()} were already in the archive.`;
  }
  const rest = [
    duplicates > 0 && `${duplicates.toLocaleString()} already in the archive`,
    entries > 0 && `${plural(entries, 'entry', 'entries')} left out`,
    files > 0 && `${plural(files, 'file')} left out`,
  ].filter(Boolean);
  return `Imported ${plural(imported, 'item')}.${rest.length ? ` ${rest.join(', ')}.` : ''}`;
}

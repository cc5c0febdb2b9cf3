// Where an archive folder keeps each of its parts: the one place their names are spelt, for
// the store and for a reader that opens only the search index (api/catalog-search.ts).

import path from 'node:path';

export interface ArchiveFiles {
  dir: string;
  /** The snapshot of the metadata. */
  dataFile: string;
  /** Every edit since the snapshot, appended. */
  journalFile: string;
  /** Bodies (`<id>.txt`) and stored images (`<id>/`). */
  contentDir: string;
  /** The search index and its catalog. */
  indexDir: string;
  backupsDir: string;
}

export function archiveFiles(dir: string): ArchiveFiles {
  return {
    dir,
    dataFile: path.join(dir, 'dossier.json'),
    journalFile: path.join(dir, 'journal'),
    contentDir: path.join(dir, 'content'),
    indexDir: path.join(dir, 'index'),
    backupsDir: path.join(dir, 'backups'),
  };
}

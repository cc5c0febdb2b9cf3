// Brings dossier.json from any older version to the current one through pure functions,
// one step per version. A file from a newer Dossier is refused rather than guessed at.

import { ARCHIVE_VERSION, type ArchiveData } from './model';
import { ArchiveError } from './errors';

type Json = Record<string, unknown>;

/** migrations[n] turns version n into version n + 1. */
export const migrations: Record<number, (data: Json) => Json> = {
  // Version 0 was the unversioned draft format: the same collections, some possibly absent.
  0: (data) => ({
    items: [],
    tags: [],
    notes: [],
    highlights: [],
    relations: [],
    settings: {},
    ...data,
    version: 1,
  }),
};

export function migrate(raw: unknown): ArchiveData {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ArchiveError('corrupt_archive', 'dossier.json does not hold an archive object.');
  }
  let data = raw as Json;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (!Number.isInteger(version) || version < 0) {
    throw new ArchiveError('corrupt_archive', `dossier.json has an invalid version (${String(data.version)}).`);
  }
  if (version > ARCHIVE_VERSION) {
    throw new ArchiveError(
      'unsupported_version',
      `This archive was written by a newer Dossier (format ${version}; this one reads up to ${ARCHIVE_VERSION}). Update Dossier to open it.`,
    );
  }
  while (version < ARCHIVE_VERSION) {
    data = migrations[version](data);
    version += 1;
  }
  for (const key of ['items', 'tags', 'notes', 'highlights', 'relations'] as const) {
    if (!Array.isArray(data[key])) {
      throw new ArchiveError('corrupt_archive', `dossier.json is damaged: "${key}" is not a list.`);
    }
  }
  return data as unknown as ArchiveData;
}

// Brings dossier.json from any older version to the current one through pure functions,
// one step per version, then validates the result with the model's schema. A file from a
// newer Dossier is refused rather than guessed at; a damaged one is named, never repaired.

import { ARCHIVE_VERSION, ArchiveData } from './model';
import { ArchiveError } from './errors';
import { describeSchemaIssue } from './schema-issue';

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
  // Version 2 added the journal: a snapshot says which journal records it already holds.
  1: (data) => ({ ...data, seq: 0, version: 2 }),
};

/** What to call the file in messages, and how the reader can get a good copy back. */
export interface Provenance {
  name: string;
  remedy: string;
}

const SNAPSHOT: Provenance = {
  name: 'dossier.json',
  remedy: 'it was left untouched; list backups with `dossier backups` and restore one with `dossier restore <id>`',
};

/** Brings `raw` to the current version and validates it with the model's schema. */
export function migrate(raw: unknown, from: Provenance = SNAPSHOT): ArchiveData {
  const data = upgrade(raw, from);
  const parsed = ArchiveData.safeParse(data);
  if (!parsed.success) throw damage(from, describeSchemaIssue(parsed.error.issues[0]));
  return parsed.data;
}

function damage(from: Provenance, what: string): ArchiveError {
  return new ArchiveError(
    'corrupt_archive',
    `${from.name} is damaged: ${what}${from.remedy ? `; ${from.remedy}` : ''}.`,
  );
}

/** Brings `raw` to the current version through the migrations, checking only that it has the collections a version step needs. */
export function upgrade(raw: unknown, from: Provenance = SNAPSHOT): Record<string, unknown> {
  const damaged = (what: string) => damage(from, what);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw damaged('it does not hold an archive object');
  let data = raw as Json;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (!Number.isInteger(version) || version < 0)
    throw damaged(`its version (${String(data.version)}) is not a version`);
  if (version > ARCHIVE_VERSION) {
    throw new ArchiveError(
      'unsupported_version',
      `${from.name} was written by a newer Dossier (format ${version}; this one reads up to ${ARCHIVE_VERSION}). Update Dossier to open it.`,
    );
  }
  while (version < ARCHIVE_VERSION) {
    data = migrations[version](data);
    version += 1;
  }
  for (const key of ['items', 'tags', 'notes', 'highlights', 'relations'] as const) {
    if (!Array.isArray(data[key])) throw damaged(`"${key}" is not a list`);
  }
  return data;
}

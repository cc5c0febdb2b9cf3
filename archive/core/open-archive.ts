// Opens an archive folder the way every host does: seeded when new, read-only when asked
// (and only if it already exists — a first look at a new folder creates and seeds it,
// unless the caller is about to restore a bundle into it).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Archive } from './archive';
import { seedArchive } from '../seed/seed';

export interface OpenArchiveOptions {
  readOnly?: boolean;
  /** False to start a new archive empty (to restore a bundle into it exactly). */
  seed?: boolean;
}

export async function openArchive(dir: string, options: OpenArchiveOptions = {}): Promise<Archive> {
  const exists = existsSync(path.join(dir, 'dossier.json'));
  return Archive.open(dir, { readOnly: Boolean(options.readOnly) && exists, seed: options.seed === false ? undefined : seedArchive });
}

// Opens an archive folder the way every host does: seeded when new, read-only when asked
// (and only if it already exists — a first look at a new folder creates and seeds it).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { Archive } from './archive';
import { seedArchive } from '../seed/seed';

export async function openArchive(dir: string, options: { readOnly?: boolean } = {}): Promise<Archive> {
  const exists = existsSync(path.join(dir, 'dossier.json'));
  return Archive.open(dir, { readOnly: Boolean(options.readOnly) && exists, seed: seedArchive });
}

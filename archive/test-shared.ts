// Where the shared test data lives (../shared beside the repository, or DOSSIER_SHARED), for
// tests only. Suites that need it skip with a message when it is missing, so a lone clone
// runs every test it can; DOSSIER_SHARED=/nowhere shows what such a clone runs.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = path.resolve(
  process.env.DOSSIER_SHARED ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../shared'),
);

/** The absolute path of `rel` inside the shared data. */
export function sharedPath(rel: string): string {
  return path.join(SHARED, rel);
}

/** Whether `rel` exists in the shared data; says so once on the console when it does not. */
export function hasShared(rel: string): boolean {
  const ok = existsSync(sharedPath(rel));
  if (!ok) console.warn(`skipping: ${sharedPath(rel)} is missing (the ../shared test data)`);
  return ok;
}

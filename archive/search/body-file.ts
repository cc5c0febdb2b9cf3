// Reads an item's body from the archive's content folder (`<contentDir>/<id>.txt`). A
// missing or unreadable file reads as '': the item is then indexed and shown by its
// metadata alone, so a lost body never makes a build or a query fail.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Throws for an id that could name a file outside content/ (`../../tmp/x`, `a/b`, `C:x`);
 * callers read that as ''. Letters, digits, `_` and `-` only: archive ids (checked strictly
 * where they enter, and in Store.contentPath) always pass, and so do the search tests' names.
 */
function bodyFile(contentDir: string, id: string): string {
  if (!/^[\w-]{1,64}$/.test(id)) throw new Error(`not an item id: ${id.slice(0, 40)}`);
  return path.join(contentDir, `${id}.txt`);
}

/** For bulk builds, which read many bodies ahead of the analysis. */
export async function readBody(contentDir: string, id: string): Promise<string> {
  try {
    return await fs.readFile(bodyFile(contentDir, id), 'utf8');
  } catch {
    return '';
  }
}

/** For the engine's own thread: a synchronous read of a few kilobytes costs tens of
 *  microseconds; the promise API's open/read/close round trips cost ten times that. */
export function readBodySync(contentDir: string, id: string): string {
  try {
    return readFileSync(bodyFile(contentDir, id), 'utf8');
  } catch {
    return '';
  }
}

// Reads an item's body from the archive's content folder (`<contentDir>/<id>.txt`). A
// missing or unreadable file reads as '': the item is then indexed and shown by its
// metadata alone, so a lost body never makes a build or a query fail.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { assertItemId } from '../core/ids';

/** Throws for an id that is not an archive id (it could name a file outside content/); callers read that as ''. */
function bodyFile(contentDir: string, id: string): string {
  return path.join(contentDir, `${assertItemId(id)}.txt`);
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

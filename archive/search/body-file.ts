// Reads an item's body from the archive's content folder (`<contentDir>/<id>.txt`). A
// missing or unreadable file reads as '': the item is then indexed and shown by its
// metadata alone, so a lost body never makes a build or a query fail.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

/** An id is a plain word (the archive's are 16 hex digits): never a path, like a hostile `../../x`. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

function bodyFile(contentDir: string, id: string): string {
  if (!PLAIN_ID.test(id)) throw new Error(`not an id: ${id.slice(0, 40)}`);
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

/** For the engine's own thread (snippets, related items) and for build workers: a
 *  synchronous read of a few kilobytes costs tens of microseconds; the promise API's
 *  open/read/close round trips cost ten times that. */
export function readBodySync(contentDir: string, id: string): string {
  try {
    return readFileSync(bodyFile(contentDir, id), 'utf8');
  } catch {
    return '';
  }
}

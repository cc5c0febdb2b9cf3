// Identifiers for items, notes, highlights and relations: 16 lower-case hex digits,
// random, safe as file names on every platform. assertItemId guards every place an id
// becomes part of a path, whatever validated it before.

import { randomBytes } from 'node:crypto';
import { ArchiveError } from './errors';

import { ID_PATTERN } from './model';

export { ID_PATTERN };

export function newId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Returns `id` if it is an archive id, else throws: an id that reached this far unchecked
 * (say, `../../tmp/x`) must never be turned into a file name.
 */
export function assertItemId(id: unknown): string {
  if (typeof id === 'string' && ID_PATTERN.test(id)) return id;
  const shown = JSON.stringify(String(id)).slice(0, 60);
  throw new ArchiveError('invalid_argument', `Refused the item id ${shown}: an item id is 16 hexadecimal digits.`);
}

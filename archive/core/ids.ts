// Identifiers for items, notes, highlights and relations: 16 lower-case hex digits,
// random, safe as file names on every platform.

import { randomBytes } from 'node:crypto';
import { ArchiveError } from './errors';

import { ID_PATTERN } from './model';

export { ID_PATTERN };

export function newId(): string {
  return randomBytes(8).toString('hex');
}

/** Returns `id` when it is an id; throws otherwise. Called wherever a path is built from one. */
export function assertId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new ArchiveError('invalid_argument', `“${String(id).slice(0, 40)}” is not an id.`);
  return id;
}

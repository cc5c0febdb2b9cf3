// Identifiers for items, notes, highlights and relations: 16 lower-case hex digits,
// random, safe as file names on every platform.

import { randomBytes } from 'node:crypto';

export const ID_PATTERN = /^[0-9a-f]{16}$/;

export function newId(): string {
  return randomBytes(8).toString('hex');
}

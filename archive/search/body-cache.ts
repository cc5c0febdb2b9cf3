// Keeps the most recently shown item bodies, so that a query re-run on every keystroke over
// the same hits reads each body file once. Bounded by size: least recently used go first.

import { SizedCache } from './sized-cache';

/** Recently shown bodies, up to about `maxBytes` (two bytes a character, V8's worst case). */
export class BodyCache extends SizedCache<string> {
  constructor(maxBytes: number) {
    super(maxBytes, (body) => 2 * body.length + 64);
  }
}

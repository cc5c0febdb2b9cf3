// The core's tag identity (same-tag.ts `tagKey`), remembered: sync asks it for every tag of
// every item in a round, and the same few hundred names come back again and again.

import { tagKey } from '../core/tags';

const cache = new Map<string, string>();
const LIMIT = 50_000;

export function cachedTagKey(name: string): string {
  let key = cache.get(name);
  if (key === undefined) {
    key = tagKey(name);
    if (cache.size >= LIMIT) cache.clear();
    cache.set(name, key);
  }
  return key;
}

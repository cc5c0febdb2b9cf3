// Lets the items read from dossier.json and its journal share the values JSON.parse gave
// each a copy of: an item never edited has `updated` equal to `added`, most have no images,
// many carry the same tags, and there are four kinds of `content`. At 50,000 items the dates,
// images and content alone took some 5.6 MB of the 44 MB the items hold in the V8 heap. The
// shared objects are frozen, so that code changing one in place (instead of giving the item
// a new one, as every change does) fails loudly rather than changing every item.

import type { Item } from './model';

const NO_ASSETS = Object.freeze([]) as unknown as string[];
const CONTENTS = new Map<string, Item['content']>();

function sharedContent(c: Item['content']): Item['content'] {
  const key = `${c.html ? 1 : 0}${c.text ? 1 : 0}`;
  let shared = CONTENTS.get(key);
  if (!shared) {
    shared = Object.freeze({ html: c.html, text: c.text });
    CONTENTS.set(key, shared);
  }
  return shared;
}

/** Items looked at between two pauses: well under a millisecond's work. */
const ITEMS_PER_TURN = 1000;

/** Makes `items` share equal values where they can (what each item says stays the same),
 *  awaiting `pause` between slices: at 100,000 items the whole pass held the thread some
 *  50 ms, beside the searches answered while the metadata is read. */
export async function shareItemValues(items: Item[], pause: () => Promise<void>): Promise<void> {
  const tagLists = new Map<string, string[]>();
  for (let i = 0; i < items.length; i++) {
    if (i % ITEMS_PER_TURN === ITEMS_PER_TURN - 1) await pause();
    const item = items[i];
    // A list of one tag (the most common) is keyed without building JSON; the `1` keeps its
    // key apart from every JSON key, which starts with `[`.
    const key = item.tags.length === 1 ? `1${item.tags[0]}` : JSON.stringify(item.tags);
    const tags = tagLists.get(key);
    if (tags) item.tags = tags;
    else tagLists.set(key, Object.freeze(item.tags) as string[]);
    if (item.updated === item.added) item.updated = item.added;
    if (item.assets.length === 0) item.assets = NO_ASSETS;
    const c = item.content;
    if (c && Object.keys(c).length === 2) item.content = sharedContent(c);
  }
}

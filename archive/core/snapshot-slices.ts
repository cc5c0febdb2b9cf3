// Reads a snapshot this Dossier sealed a slice at a time, yielding to the event loop between
// slices, so that a large archive's metadata loads while the same thread goes on answering
// searches from the index: 100,000 items are some 80 MB of JSON, and read at once they would
// stop the thread for most of a second. The seal is checked first, in slices too; then the
// items are parsed a quarter of a megabyte at a time, each slice cut where one item ends and the
// next begins. Anything else (no seal, another schema, a layout Dossier does not write, a cut
// that does not parse) gives null, and the caller reads the file whole as before: slicing
// changes when the work is done, never what it finds.

import { sealOf } from './snapshot-seal';
import { crc32After } from './crc';
import { nextTurn } from '../search/next-turn';

const SLICE = 1 << 17;
/** The snapshot opens with its version and journal position, then the items (snapshot-file.ts). */
const ITEMS_FROM = Buffer.from(',"items":[');
const HEAD_MAX = 200;
/**
 * Between two items: one's end and the next's first key. Inside a JSON string every quote is
 * escaped, so these bytes are always structure; an item holds no list of records keyed "id"
 * first, and a cut anywhere else would leave an item open, which fails to parse.
 */
const BETWEEN_ITEMS = Buffer.from('},{"id":"');
/** After the items come the notes; an item has no "notes" member of its own. */
const ITEMS_END = Buffer.from('],"notes":[');

/** Gives the event loop a turn, then awaits `between` (see parseSealedInSlices). */
export function pauseWith(between: () => Promise<void>): () => Promise<void> {
  return async () => {
    await nextTurn();
    await between();
  };
}

/** The snapshot's members (less its seal), or null when the bytes are not a snapshot sealed
 *  under this schema and laid out as Dossier writes one. Between two slices it yields a turn
 *  of the event loop and then awaits `between` (a writer's store waits for the searches
 *  under way, so that they are not slowed by the read). */
export async function parseSealedInSlices(
  bytes: Buffer,
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<Record<string, unknown> | null> {
  const pause = pauseWith(between);
  const seal = sealOf(bytes);
  if (!seal) return null;
  let crc = 0;
  for (let i = 0; i < seal.at; i += SLICE) {
    crc = crc32After(crc, bytes.subarray(i, Math.min(seal.at, i + SLICE)));
    await pause();
  }
  if (crc !== seal.crc) return null;
  try {
    const itemsAt = bytes.indexOf(ITEMS_FROM);
    if (itemsAt < 0 || itemsAt > HEAD_MAX) return null;
    const head = JSON.parse(`${bytes.toString('utf8', 0, itemsAt)}}`) as Record<string, unknown>;
    const items: unknown[] = [];
    // Each slice ends at the first cut SLICE bytes on, or where the items end if that comes
    // first (looked for in the slice alone: a search to the end would hold the thread). The
    // cuts fall on ASCII bytes, which never lie inside a UTF-8 character.
    let start = itemsAt + ITEMS_FROM.length;
    let end = -1;
    while (end < 0) {
      let cut = start + SLICE < seal.at ? bytes.indexOf(BETWEEN_ITEMS, start + SLICE) : -1;
      if (cut >= seal.at) cut = -1;
      const last = bytes.subarray(start, cut >= 0 ? cut : seal.at).indexOf(ITEMS_END);
      if (last < 0 && cut < 0) return null;
      const stop = last >= 0 ? start + last : cut + 1;
      const slice = JSON.parse(`[${bytes.toString('utf8', start, stop)}]`) as unknown[];
      for (const item of slice) items.push(item);
      if (last >= 0) end = stop;
      else start = stop + 1;
      await pause();
    }
    const rest = JSON.parse(`{"items":0${bytes.toString('utf8', end + 1, seal.at)}}`) as Record<string, unknown>;
    return { ...head, ...rest, items };
  } catch {
    return null;
  }
}

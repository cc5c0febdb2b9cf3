// How deeply a JSON text nests its arrays and objects, read from the bytes in one pass
// (strings skipped): the importers walk JSON trees recursively and copy folder paths at each
// level, so a file nested absurdly deep is refused before any of them sees it.

/** Real exports nest a few levels (bookmark folders a few dozen at most). */
export const MAX_JSON_DEPTH = 256;

/** The deepest nesting in `bytes` (UTF-8 JSON); stops counting once it passes `limit`. */
export function jsonNestingDepth(bytes: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // a backslash escapes the next byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return deepest;
}

// CRC-32 continued across pieces (a file written or read a piece at a time). Node's
// zlib.crc32 answers 0, whatever it is seeded with, for a view of an empty ArrayBuffer (a
// zero-length typed array's, an empty file read whole): one such piece would make the
// checksum of everything before it 0. An empty piece changes nothing here.

import { crc32 } from 'node:zlib';

/** The CRC-32 of what `crc` was taken over, followed by `piece`. */
export function crc32After(crc: number, piece: Uint8Array | string): number {
  return piece.length === 0 ? crc : crc32(piece, crc);
}

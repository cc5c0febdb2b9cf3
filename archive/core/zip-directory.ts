// Reads a zip's central directory (and ZIP64 records) entry by entry, each with its declared
// sizes and where its data starts, without inflating anything. Throws a plain Error for
// anything that is not a well-formed zip; every offset is bounds-checked against the file.

import { FULL_32, SIGNATURE } from './zip-records';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's (compressed) data in the file. */
  dataStart: number;
}

const { end: EOCD, zip64Locator: ZIP64_LOCATOR, zip64End: ZIP64_EOCD, central: CENTRAL, local: LOCAL } = SIGNATURE;

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a size or offset is out of range');
  return Number(value);
}

/** Calls `onEntry` for each entry of the zip in `bytes` (it may throw to stop early); returns how many there were. */
export function readZipDirectory(bytes: Uint8Array, onEntry: (entry: ZipEntry, index: number) => void): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, length: number): void => {
    if (at < 0 || at + length > bytes.length) throw new Error('it is truncated');
  };
  // The end record sits in the last 64 KB (22 bytes plus a comment of up to 65,535).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('it has no zip directory');
  let offset = view.getUint32(end + 16, true);
  // The directory runs up to the end record (or the ZIP64 one). It is walked to there rather
  // than counted: writers without ZIP64 (fflate's zipSync) keep only the count's low 16 bits.
  let directoryEnd = end;
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const at = u64(view, end - 12);
    need(at, 56);
    if (view.getUint32(at, true) !== ZIP64_EOCD) throw new Error('its ZIP64 directory is damaged');
    offset = u64(view, at + 48);
    directoryEnd = at;
  }
  if (offset > directoryEnd) throw new Error('its directory is damaged');
  let count = 0;
  for (; offset < directoryEnd; count++) {
    need(offset, 46);
    if (view.getUint32(offset, true) !== CENTRAL) throw new Error('its directory is damaged');
    const method = view.getUint16(offset + 10, true);
    let compressedSize = view.getUint32(offset + 20, true);
    let size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    need(offset + 46, nameLength + extraLength + commentLength);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // ZIP64: sizes and offset that do not fit in 32 bits are in the extra field, in this order.
    for (let at = offset + 46 + nameLength; at + 4 <= offset + 46 + nameLength + extraLength;) {
      const id = view.getUint16(at, true);
      const length = view.getUint16(at + 2, true);
      if (id === 0x0001) {
        let field = at + 4;
        const take = (): number => {
          need(field, 8);
          const v = u64(view, field);
          field += 8;
          return v;
        };
        if (size === FULL_32) size = take();
        if (compressedSize === FULL_32) compressedSize = take();
        if (local === FULL_32) local = take();
      }
      at += 4 + length;
    }
    need(local, 30);
    if (view.getUint32(local, true) !== LOCAL) throw new Error('an entry is damaged');
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    need(dataStart, compressedSize);
    onEntry({ name, method, compressedSize, size, dataStart }, count);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return count;
}

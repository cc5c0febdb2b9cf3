// The byte layout of the zip records Dossier writes (APPNOTE.TXT 4.3): local and central
// headers with UTF-8 names, the ZIP64 extra field, and the end records. One definition for
// the bundle writer and the test fixtures; the reader checks the same signatures. ZIP64 is
// used where a count, size or offset needs it (or where the caller asks for it), nowhere else.

export const SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

/** A 32-bit field holding this says "the value is in the ZIP64 record" (APPNOTE 4.4.8); so does 0xFFFF in a count. */
export const FULL_32 = 0xffffffff;
export const FULL_16 = 0xffff;

const UTF8_NAMES = 0x0800; // general purpose bit 11: names (and comments) are UTF-8
const VERSION_PLAIN = 20; // deflate (APPNOTE 4.4.3.2)
const VERSION_ZIP64 = 45;
const ZIP64_EXTRA = 0x0001;

export interface EntryFields {
  /** The name as UTF-8 bytes. */
  name: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** Bytes stored in the zip. */
  compressedSize: number;
  /** Bytes once inflated. */
  size: number;
  /** Where the entry's local header starts in the file. */
  offset: number;
  /** MS-DOS time and date (dosTime). */
  time: number;
  date: number;
}

/** A date as the two 16-bit MS-DOS fields, in local time, clamped to the range they can hold (1980–2107). */
export function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  if (year !== at.getFullYear()) return { time: 0, date: ((year - 1980) << 9) | (1 << 5) | 1 };
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/** Whether an entry's sizes do not fit the 32-bit fields of its local header. */
export function sizesNeedZip64(e: Pick<EntryFields, 'size' | 'compressedSize'>): boolean {
  return e.size >= FULL_32 || e.compressedSize >= FULL_32;
}

/**
 * The local file header and name. With `zip64` both sizes read 0xFFFFFFFF and a ZIP64 extra
 * field holds them (APPNOTE 4.5.3: in the local header it holds both); a writer that learns
 * the sizes only afterwards asks for it, so the header can be rewritten in place at the same length.
 */
export function localHeader(e: Omit<EntryFields, 'offset'>, zip64 = sizesNeedZip64(e)): Buffer {
  const header = Buffer.alloc(30 + e.name.length + (zip64 ? 20 : 0));
  header.writeUInt32LE(SIGNATURE.local, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_PLAIN, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(e.method, 8);
  header.writeUInt16LE(e.time, 10);
  header.writeUInt16LE(e.date, 12);
  header.writeUInt32LE(e.crc >>> 0, 14);
  header.writeUInt32LE(zip64 ? FULL_32 : e.compressedSize, 18);
  header.writeUInt32LE(zip64 ? FULL_32 : e.size, 22);
  header.writeUInt16LE(e.name.length, 26);
  header.writeUInt16LE(zip64 ? 20 : 0, 28);
  header.set(e.name, 30);
  if (zip64) {
    const at = 30 + e.name.length;
    header.writeUInt16LE(ZIP64_EXTRA, at);
    header.writeUInt16LE(16, at + 2);
    header.writeBigUInt64LE(BigInt(e.size), at + 4);
    header.writeBigUInt64LE(BigInt(e.compressedSize), at + 12);
  }
  return header;
}

/**
 * The central directory header, name and (when a size or the offset needs it) the ZIP64
 * extra field with just those values, in the order APPNOTE 4.5.3 fixes. `zip64Local` says
 * the local header carried ZIP64 fields, so the version needed is 4.5 for the entry either way.
 */
export function centralHeader(e: EntryFields, zip64Local = sizesNeedZip64(e)): Buffer {
  const wide = [e.size, e.compressedSize, e.offset].map((v) => v >= FULL_32);
  const extra = wide.filter(Boolean).length * 8;
  const header = Buffer.alloc(46 + e.name.length + (extra ? 4 + extra : 0));
  const version = extra || zip64Local ? VERSION_ZIP64 : VERSION_PLAIN;
  header.writeUInt32LE(SIGNATURE.central, 0);
  header.writeUInt16LE(version, 4); // made by: MS-DOS attributes (upper byte 0), this spec version
  header.writeUInt16LE(version, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(e.method, 10);
  header.writeUInt16LE(e.time, 12);
  header.writeUInt16LE(e.date, 14);
  header.writeUInt32LE(e.crc >>> 0, 16);
  header.writeUInt32LE(Math.min(e.compressedSize, FULL_32), 20);
  header.writeUInt32LE(Math.min(e.size, FULL_32), 24);
  header.writeUInt16LE(e.name.length, 28);
  header.writeUInt16LE(extra ? 4 + extra : 0, 30);
  // comment length, disk number, internal and external attributes: all 0
  header.writeUInt32LE(Math.min(e.offset, FULL_32), 42);
  header.set(e.name, 46);
  if (extra) {
    let at = 46 + e.name.length;
    header.writeUInt16LE(ZIP64_EXTRA, at);
    header.writeUInt16LE(extra, at + 2);
    at += 4;
    for (const [i, value] of [e.size, e.compressedSize, e.offset].entries()) {
      if (!wide[i]) continue;
      header.writeBigUInt64LE(BigInt(value), at);
      at += 8;
    }
  }
  return header;
}

export interface DirectoryFields {
  /** Entries in the central directory. */
  count: number;
  /** Its length in bytes... */
  size: number;
  /** ...and where it starts. */
  offset: number;
}

/** Whether the end of central directory record alone cannot hold the directory's count, size or offset. */
export function directoryNeedsZip64(d: DirectoryFields): boolean {
  return d.count >= FULL_16 || d.size >= FULL_32 || d.offset >= FULL_32;
}

/**
 * What follows the central directory: with `zip64` the ZIP64 end record and its locator
 * (APPNOTE 4.3.14–15), then the end record (4.3.16), whose fields that overflow read 0xFFFF
 * or 0xFFFFFFFF. `zip64: false` on a directory that needs it keeps only the count's low 16
 * bits, as writers without ZIP64 do (the test fixtures make such zips on purpose).
 */
export function endRecords(d: DirectoryFields, zip64 = directoryNeedsZip64(d)): Buffer {
  const records: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(SIGNATURE.zip64End, 0);
    record.writeBigUInt64LE(44n, 4); // the record's length after this field
    record.writeUInt16LE(VERSION_ZIP64, 12);
    record.writeUInt16LE(VERSION_ZIP64, 14);
    // this disk and the directory's disk: 0
    record.writeBigUInt64LE(BigInt(d.count), 24);
    record.writeBigUInt64LE(BigInt(d.count), 32);
    record.writeBigUInt64LE(BigInt(d.size), 40);
    record.writeBigUInt64LE(BigInt(d.offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(SIGNATURE.zip64Locator, 0);
    locator.writeBigUInt64LE(BigInt(d.offset + d.size), 8); // the ZIP64 end record follows the directory
    locator.writeUInt32LE(1, 16); // disks in all
    records.push(record, locator);
  }
  const count = zip64 ? Math.min(d.count, FULL_16) : d.count & FULL_16;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIGNATURE.end, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(Math.min(d.size, FULL_32), 12);
  end.writeUInt32LE(Math.min(d.offset, FULL_32), 16);
  records.push(end);
  return Buffer.concat(records);
}

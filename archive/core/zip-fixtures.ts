// Test support only: writes zips byte by byte, so tests can make the ones no honest tool
// would (sizes that lie, bombs), and a deflate stream of many zeros without holding them.

import { deflateRawSync, createDeflateRaw } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The bytes stored in the zip: deflated when method is 8. */
  stored: Uint8Array;
  method: 0 | 8;
  /** The inflated size the zip claims (the truth by default, when method is 0 or the data given deflated). */
  declaredSize: number;
}

/** An entry deflated honestly from `data`. */
export function deflated(name: string, data: Uint8Array): RawEntry {
  return { name, stored: deflateRawSync(data), method: 8, declaredSize: data.length };
}

/**
 * A zip of the entries exactly as described (CRCs are left 0: nothing here checks them).
 * Like fflate, it keeps only the low 16 bits of the entry count, unless `zip64` adds the
 * ZIP64 end records that hold the full count and offset.
 */
export function rawZip(entries: RawEntry[], options: { zip64?: boolean } = {}): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.stored.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt32LE(e.stored.length, 20);
    header.writeUInt32LE(e.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.stored));
    central.push(header, name);
    offset += local.length + name.length + e.stored.length;
  }
  const dir = Buffer.concat(central);
  const records: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(dir.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + dir.length), 8);
    locator.writeUInt32LE(1, 16);
    records.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length & 0xffff, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length & 0xffff, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dir, ...records, end]));
}

/** A raw deflate stream of `bytes` zeros (about bytes / 1,030 long), made a megabyte at a time. */
export async function deflatedZeros(bytes: number): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const mb = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= mb.length) {
    if (!deflate.write(left >= mb.length ? mb : mb.subarray(0, left)))
      await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

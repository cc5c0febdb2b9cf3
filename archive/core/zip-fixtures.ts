// Test support only: writes zips in the record layouts of zip-records.ts but with whatever
// sizes a test declares, so tests can make the ones no honest tool would (sizes that lie,
// bombs), and a deflate stream of many zeros without holding them.

import { deflateRawSync, createDeflateRaw } from 'node:zlib';
import { centralHeader, endRecords, localHeader, type EntryFields } from './zip-records';

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
    const fields: EntryFields = {
      name: Buffer.from(e.name, 'utf8'),
      method: e.method,
      crc: 0,
      compressedSize: e.stored.length,
      size: e.declaredSize,
      offset,
      time: 0,
      date: 0,
    };
    const local = localHeader(fields);
    parts.push(local, Buffer.from(e.stored));
    central.push(centralHeader(fields));
    offset += local.length + e.stored.length;
  }
  const dir = Buffer.concat(central);
  const end = endRecords({ count: entries.length, size: dir.length, offset }, options.zip64 ?? false);
  return new Uint8Array(Buffer.concat([...parts, dir, end]));
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

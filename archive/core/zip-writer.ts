// Writes a zip into an open file an entry at a time: only the entry being written is in
// memory (with ~100 bytes of central directory per entry so far), each one deflated unless
// that does not make it smaller, and ZIP64 records exactly where a count, size or offset
// needs them, so any reader (Python's zipfile, unzip, Explorer) sees every entry.

import type { FileHandle } from 'node:fs/promises';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { crc32After } from './crc';
import { centralHeader, dosTime, endRecords, localHeader, sizesNeedZip64, type EntryFields } from './zip-records';

/** Bytes gathered before one write to the file: small entries share a system call. */
const WRITE_AT_ONCE = 1024 * 1024;
/** The central directory is kept in blocks of this size, not as a buffer per entry (each costs ~100 bytes more). */
const DIRECTORY_BLOCK = 256 * 1024;
const LEVEL = 6;

/** A zip being written: await each call before the next; the bytes given are written as they are, later. */
export class ZipWriter {
  /** Where the next byte goes (pending bytes included). */
  private offset: number;
  /** Where the pending bytes go. */
  private written: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The central directory so far: full blocks, then the one being filled. */
  private readonly central: Buffer[] = [];
  private block = Buffer.allocUnsafe(DIRECTORY_BLOCK);
  private blockUsed = 0;
  private centralBytes = 0;
  private entries = 0;
  private readonly stamp: { time: number; date: number };
  private finished = false;

  /**
   * `at`: where the zip starts in the file (0 unless something comes before it; its offsets
   * count from the file's start). `modified`: the time every entry carries.
   */
  constructor(
    private readonly file: FileHandle,
    options: { at?: number; modified?: Date } = {},
  ) {
    this.offset = this.written = options.at ?? 0;
    this.stamp = dosTime(options.modified ?? new Date());
  }

  /** Entries added so far. */
  get count(): number {
    return this.entries;
  }

  /** Adds an entry whose bytes are at hand: deflated, or stored when deflating does not shrink them. */
  async add(name: string, data: Uint8Array): Promise<void> {
    this.assertOpen();
    const deflated = deflateRawSync(data, { level: LEVEL });
    const stored = deflated.length < data.length ? deflated : data;
    const fields: EntryFields = {
      name: Buffer.from(name, 'utf8'),
      method: stored === data ? 0 : 8,
      crc: crc32(data),
      compressedSize: stored.length,
      size: data.length,
      offset: this.offset,
      ...this.stamp,
    };
    const zip64Local = sizesNeedZip64(fields);
    await this.append(localHeader(fields, zip64Local), stored);
    this.remember(fields, zip64Local);
  }

  /**
   * Adds an entry too big to hold whole, deflated as its chunks arrive (strings as UTF-8).
   * Its sizes and CRC are known only at the end, so its local header reserves ZIP64 fields
   * and is written again in place once they are (APPNOTE 4.3.9.2 allows ZIP64 at any size).
   */
  async addStream(name: string, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
    this.assertOpen();
    const fields: EntryFields = {
      name: Buffer.from(name, 'utf8'),
      method: 8,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.offset,
      ...this.stamp,
    };
    await this.append(localHeader(fields, true));
    const start = this.offset;
    const source = async function* (): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        const bytes =
          typeof chunk === 'string'
            ? Buffer.from(chunk, 'utf8')
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        fields.crc = crc32After(fields.crc, bytes);
        fields.size += bytes.length;
        yield bytes;
      }
    };
    await pipeline(
      Readable.from(source()),
      createDeflateRaw({ level: LEVEL }),
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          this.append(chunk).then(() => done(), done);
        },
      }),
    );
    fields.compressedSize = this.offset - start;
    await this.flush();
    await writeAll(this.file, localHeader(fields, true), fields.offset);
    this.remember(fields, true);
  }

  /** Writes the central directory and end records; returns the zip's length in bytes. */
  async finish(): Promise<number> {
    this.assertOpen();
    this.finished = true;
    const directory = { count: this.entries, size: this.centralBytes, offset: this.offset };
    for (const block of [...this.central, this.block.subarray(0, this.blockUsed)]) await this.append(block);
    await this.append(endRecords(directory));
    await this.flush();
    return this.offset;
  }

  private remember(fields: EntryFields, zip64Local: boolean): void {
    const header = centralHeader(fields, zip64Local);
    if (this.blockUsed + header.length > this.block.length) {
      this.central.push(this.block.subarray(0, this.blockUsed));
      this.block = Buffer.allocUnsafe(Math.max(DIRECTORY_BLOCK, header.length));
      this.blockUsed = 0;
    }
    this.blockUsed += header.copy(this.block, this.blockUsed);
    this.centralBytes += header.length;
    this.entries += 1;
  }

  private async append(...parts: Uint8Array[]): Promise<void> {
    for (const part of parts) {
      this.pending.push(part);
      this.pendingBytes += part.length;
      this.offset += part.length;
    }
    if (this.pendingBytes >= WRITE_AT_ONCE) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await writeAll(this.file, bytes, this.written);
    this.written += bytes.length;
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('the zip is finished already');
  }
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than it was given). */
async function writeAll(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

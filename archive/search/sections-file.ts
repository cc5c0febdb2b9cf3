// Dossier's own file layout of text and typed arrays, the same for every host and every V8
// (the CLI under Node and the app under Electron read each other's files): a magic line, a
// format version, a small JSON header naming the sections, then UTF-8 text sections and
// little-endian typed arrays, each 8-byte aligned. Segment files and the index catalog use
// it; a file of another kind, version or shape throws.

import { isAscii } from 'node:buffer';
import { readSync } from 'node:fs';
import os from 'node:os';

/** Bump when the byte layout changes (not the terms: that is the manifest's FORMAT_VERSION). */
export const FILE_VERSION = 2;
/** The first line of every such file (named for the segments, which came first). */
export const MAGIC = 'DOSSIER-SEGMENT\n';
export const BIG_ENDIAN = os.endianness() === 'BE';

export type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;
export const TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
} as const;
export type TypeName = keyof typeof TYPES;

export interface Section {
  name: string;
  type: TypeName | 'text';
  bytes: number;
}

function typeOf(a: Typed): TypeName {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f32';
}

/** The zero bytes that bring `n` up to a multiple of 8. */
export const pad = (n: number) => (8 - (n % 8)) % 8;

/** Text and typed arrays as one buffer of `kind` (the catalog's and the segments' layout). */
export function encodeSections(kind: string, text: Record<string, string>, arrays: Record<string, Typed>): Buffer {
  return Buffer.concat(sectionParts(kind, text, arrays));
}

/** What encodeSections writes, as the pieces it joins: views of the arrays where the
 *  machine's byte order allows, so a writer that writes them one by one copies nothing. */
export function sectionParts(kind: string, text: Record<string, string>, arrays: Record<string, Typed>): Buffer[] {
  const sections: Section[] = [];
  const chunks: Buffer[] = [];
  for (const [name, s] of Object.entries(text)) {
    const b = Buffer.from(s, 'utf8');
    sections.push({ name, type: 'text', bytes: b.length });
    chunks.push(b);
  }
  for (const [name, a] of Object.entries(arrays)) {
    let b = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    if (BIG_ENDIAN && a.BYTES_PER_ELEMENT > 1) {
      b = Buffer.from(b);
      if (a.BYTES_PER_ELEMENT === 2) b.swap16();
      else b.swap32();
    }
    sections.push({ name, type: typeOf(a), bytes: b.length });
    chunks.push(b);
  }
  const header = Buffer.from(JSON.stringify({ kind, version: FILE_VERSION, sections }), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, MAGIC.length);
  const parts: Buffer[] = [head, header, Buffer.alloc(pad(head.length + header.length))];
  for (const c of chunks) parts.push(c, Buffer.alloc(pad(c.length)));
  return parts;
}

/** A section of a file and where its bytes start. */
export interface PlacedSection extends Section {
  at: number;
}

/** Reads a file's header (which `head`, the file's first bytes, must hold whole: see
 *  headerBytes) and places its sections; a file of `size` bytes must hold all of them. */
export function layoutOf(head: Buffer, kind: string, size: number): PlacedSection[] {
  if (head.length < MAGIC.length + 4 || head.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new Error('not a Dossier segment file');
  const hlen = head.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4;
  if (at + hlen > head.length) throw new Error(`${kind} file is truncated`);
  const header = JSON.parse(head.toString('utf8', at, at + hlen)) as {
    kind?: string;
    version?: number;
    sections?: Section[];
  };
  if (header.kind !== kind) throw new Error(`not a ${kind} file`);
  if (header.version !== FILE_VERSION)
    throw new Error(`${kind} file version ${String(header.version)} is not ${FILE_VERSION}`);
  at += hlen;
  at += pad(at);
  const placed: PlacedSection[] = [];
  for (const s of header.sections ?? []) {
    if (!Number.isSafeInteger(s.bytes) || s.bytes < 0 || at + s.bytes > size)
      throw new Error(`${kind} file is truncated`);
    placed.push({ ...s, at });
    at += s.bytes + pad(s.bytes);
  }
  return placed;
}

/** How many of a file's first bytes hold its header, given at least its first 20. */
export function headerBytes(first: Buffer): number {
  return first.length < MAGIC.length + 4 ? MAGIC.length + 4 : MAGIC.length + 4 + first.readUInt32LE(MAGIC.length);
}

/**
 * What encodeSections wrote; throws when `bytes` are not a `kind` or are cut short. `bytes`
 * may be the first bytes of a file of `fileSize`: sections past them are only placed, in
 * `layout`, for the caller to read when it needs them. Arrays are views into `bytes` when
 * they may be (see below), unless `copied`: bytes that will be overwritten (a SharedBuffer's).
 */
export function decodeSections(
  bytes: Buffer,
  kind: string,
  fileSize = bytes.length,
  copied = false,
): { text: Record<string, string>; arrays: Record<string, Typed>; layout: PlacedSection[] } {
  const text: Record<string, string> = {};
  const arrays: Record<string, Typed> = {};
  const layout = layoutOf(bytes, kind, fileSize);
  for (const s of layout) {
    const at = s.at;
    if (at + s.bytes > bytes.length) continue;
    if (s.type === 'text') text[s.name] = decodeText(bytes, at, at + s.bytes);
    else {
      const Ctor = TYPES[s.type];
      if (!Ctor || s.bytes % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`${kind} file has a bad section`);
      if (!copied && !BIG_ENDIAN && owns(bytes) && (bytes.byteOffset + at) % 8 === 0) {
        // A view into the file's own buffer (sections are 8-byte aligned): no copy, so a
        // segment costs its size once, not twice while it loads.
        arrays[s.name] = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, s.bytes / Ctor.BYTES_PER_ELEMENT);
      } else {
        // One copy into a fresh, aligned buffer: the file's buffer may be pooled or unaligned.
        const ab = new ArrayBuffer(s.bytes);
        const copy = Buffer.from(ab);
        bytes.copy(copy, 0, at, at + s.bytes);
        if (BIG_ENDIAN && Ctor.BYTES_PER_ELEMENT === 2) copy.swap16();
        if (BIG_ENDIAN && Ctor.BYTES_PER_ELEMENT === 4) copy.swap32();
        arrays[s.name] = new Ctor(ab);
      }
    }
  }
  return { text, arrays, layout };
}

/** UTF-8 text from `bytes[start, end)`. Text that is all ASCII (nearly every term and id) is
 *  copied as Latin-1, which reads the same and costs half: an index of 100,000 items opens
 *  some 20 MB of it, 91 ms as UTF-8 on the benchmark machine. */
function decodeText(bytes: Buffer, start: number, end: number): string {
  return isAscii(bytes.subarray(start, end))
    ? bytes.toString('latin1', start, end)
    : bytes.toString('utf8', start, end);
}

/** The decoded array `name` of the type `Ctor` makes (of `length` items, when given); throws,
 *  naming the file as `what`, when it is missing, of another type or of another length. */
export function arrayOf<T extends Typed>(
  arrays: Record<string, Typed>,
  what: string,
  name: string,
  Ctor: new (n: number) => T,
  length?: number,
): T {
  const a = arrays[name];
  if (!(a instanceof Ctor)) throw new Error(`${what} lacks ${name}`);
  if (length !== undefined && a.length !== length) throw new Error(`${what} has a ${name} of the wrong length`);
  return a as T;
}

/** Whether `b` has its ArrayBuffer to itself (a file read whole, not a slice of Node's
 *  shared pool), so views into it keep nothing else alive. */
function owns(b: Buffer): boolean {
  return b.buffer instanceof ArrayBuffer && b.buffer.byteLength === b.byteLength;
}

/** Reads `length` bytes at `at` of the open file `fd` into `into` (a fresh buffer when not
 *  given); throws, naming the file as `what`, when it ends first. */
export function readRange(
  fd: number,
  at: number,
  length: number,
  what: string,
  into: Buffer = Buffer.alloc(length),
): Buffer {
  for (let got = 0; got < length;) {
    const n = readSync(fd, into, got, length - got, at + got);
    if (n === 0) throw new Error(`${what} is truncated`);
    got += n;
  }
  return into;
}

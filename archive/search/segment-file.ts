// Encodes a segment as bytes and back in Dossier's own format, the same for every host and
// every V8 (the CLI under Node and the app under Electron read each other's index): a magic
// line, a format version, a small JSON header, then UTF-8 text sections and little-endian
// typed arrays, each 8-byte aligned. A file that fails its checksum or its shape throws.

import { crc32 } from 'node:zlib';
import os from 'node:os';
import { F } from './fields';
import type { SegmentData, StreamData } from './segment';
import { SortedTerms } from './sorted-terms';

/** Bump when the byte layout changes (not the terms: that is the manifest's FORMAT_VERSION). */
export const FILE_VERSION = 2;
const MAGIC = 'DOSSIER-SEGMENT\n';
const BIG_ENDIAN = os.endianness() === 'BE';

export type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;
const TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array } as const;
type TypeName = keyof typeof TYPES;

interface Section {
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

const pad = (n: number) => (8 - (n % 8)) % 8;

/** Text and typed arrays as one buffer of `kind` (the catalog's and the segments' layout). */
export function encodeSections(kind: string, text: Record<string, string>, arrays: Record<string, Typed>): Buffer {
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
  return Buffer.concat(parts);
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
 * `layout`, for the caller to read when it needs them.
 */
export function decodeSections(
  bytes: Buffer,
  kind: string,
  fileSize = bytes.length,
): { text: Record<string, string>; arrays: Record<string, Typed>; layout: PlacedSection[] } {
  const text: Record<string, string> = {};
  const arrays: Record<string, Typed> = {};
  const layout = layoutOf(bytes, kind, fileSize);
  for (const s of layout) {
    const at = s.at;
    if (at + s.bytes > bytes.length) continue;
    if (s.type === 'text') text[s.name] = bytes.toString('utf8', at, at + s.bytes);
    else {
      const Ctor = TYPES[s.type];
      if (!Ctor || s.bytes % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`${kind} file has a bad section`);
      if (!BIG_ENDIAN && owns(bytes) && (bytes.byteOffset + at) % 8 === 0) {
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

/** Whether `b` has its ArrayBuffer to itself (a file read whole, not a slice of Node's
 *  shared pool), so views into it keep nothing else alive. */
function owns(b: Buffer): boolean {
  return b.buffer instanceof ArrayBuffer && b.buffer.byteLength === b.byteLength;
}

export const SEGMENT = 'dossier-segment';
export const STREAM = 'dossier-positions';

/**
 * A segment file: its terms, statistics and per-item columns first, then the postings
 * (docs, tfs), which a query reads a term at a time. The postings are checked in blocks of
 * POSTINGS_BLOCK bytes, each against its own checksum in the `blockCrcs` section before
 * them; everything before the postings is checked whole (segmentChecksum).
 */
export function encodeSegment(data: SegmentData): Buffer {
  const { ids, stamps, langList, terms, docLang, offsets, docs, tfs, lengths, norms } = data;
  const lazyBytes = docs.byteLength + pad(docs.byteLength) + tfs.byteLength + pad(tfs.byteLength);
  const bytes = encodeSections(
    SEGMENT,
    { ids: ids.join('\n'), stamps: stamps.join('\n'), langList: langList.join('\n'), terms },
    {
      termStarts: new SortedTerms(terms).termStarts,
      docLang,
      offsets,
      lengths,
      norms,
      blockCrcs: new Uint32Array(Math.ceil(lazyBytes / POSTINGS_BLOCK)),
      docs,
      tfs,
    },
  );
  const layout = layoutOf(bytes, SEGMENT, bytes.length);
  const crcs = placed(layout, 'blockCrcs');
  const from = placed(layout, 'docs').at;
  for (let b = 0, at = from; at < bytes.length; b++, at += POSTINGS_BLOCK)
    bytes.writeUInt32LE(checksum(bytes.subarray(at, Math.min(at + POSTINGS_BLOCK, bytes.length))), crcs.at + 4 * b);
  return bytes;
}

/** The postings are read and checked in blocks of this many bytes. */
export const POSTINGS_BLOCK = 32 * 1024;

function placed(layout: PlacedSection[], name: string): PlacedSection {
  const s = layout.find((x) => x.name === name);
  if (!s) throw new Error(`segment file lacks ${name}`);
  return s;
}

/** Where the postings of a whole segment file lie (the file just written, say). */
export function postingsLayoutOf(bytes: Buffer): PostingsLayout {
  const layout = layoutOf(bytes, SEGMENT, bytes.length);
  const crcs = placed(layout, 'blockCrcs');
  return {
    from: headBytes(layout),
    size: bytes.length,
    // A copy: a view would carry the whole file's buffer wherever it is sent.
    crcs: new Uint32Array(bytes.buffer.slice(bytes.byteOffset + crcs.at, bytes.byteOffset + crcs.at + crcs.bytes)),
    docsAt: placed(layout, 'docs').at,
    tfsAt: placed(layout, 'tfs').at,
  };
}

/** Where a segment file's postings start: what comes before is its head. */
export function headBytes(layout: PlacedSection[]): number {
  return placed(layout, 'docs').at;
}

/** The checksum a manifest keeps for a segment file: of its head, which holds the checksums
 *  of the postings' blocks. */
export function segmentChecksum(bytes: Buffer): number {
  return checksum(bytes.subarray(0, headBytes(layoutOf(bytes, SEGMENT, bytes.length))));
}

export function encodeStream(data: StreamData): Buffer {
  return encodeSections(
    STREAM,
    {},
    { termOffsets: data.termOffsets, docs: data.docs, starts: data.starts, positions: data.positions },
  );
}

export function checksum(bytes: Uint8Array): number {
  return crc32(bytes);
}

function check(bytes: Uint8Array, crc: number, what: string): void {
  if (checksum(bytes) !== crc) throw new Error(`${what} does not match its checksum`);
}

function need<T extends Typed>(
  arrays: Record<string, Typed>,
  name: string,
  Ctor: new (n: number) => T,
  length?: number,
): T {
  const a = arrays[name];
  if (!(a instanceof Ctor)) throw new Error(`segment file lacks ${name}`);
  if (length !== undefined && a.length !== length) throw new Error('segment file is inconsistent');
  return a as T;
}

const lines = (s: string | undefined): string[] => (s ? s.split('\n') : []);

function countLines(s: string | undefined): number {
  if (!s) return 0;
  let n = 1;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** A whole segment file, every block checked (a merge reads its parts this way). */
export function decodeSegment(bytes: Buffer, crc: number): SegmentData {
  const head = decodeSegmentHead(bytes, crc, bytes.length);
  const { from, crcs } = head.postings;
  for (let b = 0, at = from; at < bytes.length; b++, at += POSTINGS_BLOCK)
    if (checksum(bytes.subarray(at, Math.min(at + POSTINGS_BLOCK, bytes.length))) !== crcs[b])
      throw new Error('segment does not match its checksum');
  const { arrays } = decodeSections(bytes, SEGMENT);
  return {
    ...head.data,
    docs: need(arrays, 'docs', Uint16Array, head.data.docs.length),
    tfs: need(arrays, 'tfs', Uint8Array, head.data.tfs.length),
  };
}

/** Where a segment file's postings lie, and the checksums of their blocks. */
export interface PostingsLayout {
  /** The first byte of the postings, where block 0 starts; the blocks run to `size`. */
  from: number;
  size: number;
  crcs: Uint32Array;
  docsAt: number;
  tfsAt: number;
}

/**
 * A segment from its file's head (`head`: at least its first headBytes bytes, checked
 * against `crc`), its postings still to be read: `docs` and `tfs` are zeros, to be filled
 * by block from `postings` as queries need them (postings-file.ts).
 */
export function decodeSegmentHead(
  head: Buffer,
  crc: number,
  fileSize: number,
): { data: SegmentData; postings: PostingsLayout } {
  const { text, arrays, layout } = decodeSections(head, SEGMENT, fileSize);
  const from = headBytes(layout);
  check(head.subarray(0, from), crc, 'segment');
  if (typeof text.terms !== 'string') throw new Error('segment file lacks terms');
  const docs = placed(layout, 'docs');
  const tfs = placed(layout, 'tfs');
  if (docs.type !== 'u16' || tfs.type !== 'u8' || docs.bytes !== 2 * tfs.bytes)
    throw new Error('segment file is inconsistent');
  const crcs = need(arrays, 'blockCrcs', Uint32Array, Math.ceil((fileSize - from) / POSTINGS_BLOCK));
  // The offsets' length against the terms is checked by the Segment, which counts the terms.
  let ids: string[] | null = null;
  let stamps: string[] | null = null;
  const data: SegmentData = {
    // Split when first asked for (segment.ts); their counts are checked now.
    get ids() {
      return (ids ??= lines(text.ids));
    },
    get stamps() {
      return (stamps ??= lines(text.stamps));
    },
    langList: lines(text.langList),
    terms: text.terms,
    termStarts: need(arrays, 'termStarts', Uint32Array),
    docLang: need(arrays, 'docLang', Uint8Array),
    offsets: need(arrays, 'offsets', Uint32Array),
    docs: new Uint16Array(tfs.bytes),
    tfs: new Uint8Array(tfs.bytes),
    lengths: need(arrays, 'lengths', Uint16Array),
    norms: need(arrays, 'norms', Float32Array),
  };
  const n = data.docLang.length;
  if (
    countLines(text.ids) !== n ||
    countLines(text.stamps) !== n ||
    data.docLang.length !== n ||
    data.norms.length !== n ||
    data.lengths.length !== n * F ||
    data.offsets[data.offsets.length - 1] !== tfs.bytes
  ) {
    throw new Error('segment file is inconsistent');
  }
  return { data, postings: { from, size: fileSize, crcs, docsAt: docs.at, tfsAt: tfs.at } };
}

/** Where one section of a file lies: its element type, first byte and length in bytes. */
export interface SectionAt {
  type: TypeName | 'text';
  at: number;
  bytes: number;
}

/**
 * Reads a positions file's header through `read(position, length)` and says where each of
 * its sections lies, without reading them: a phrase then reads only its terms' ranges.
 * Throws when the header is not a positions file's, or promises more bytes than `size`.
 */
export function streamSections(
  read: (at: number, length: number) => Buffer,
  size: number,
): Record<'termOffsets' | 'docs' | 'starts' | 'positions', SectionAt> {
  const head = read(0, MAGIC.length + 4);
  if (head.length < MAGIC.length + 4 || head.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new Error('not a Dossier segment file');
  const hlen = head.readUInt32LE(MAGIC.length);
  if (hlen > size) throw new Error(`${STREAM} file is truncated`);
  let at = MAGIC.length + 4;
  let header: { kind?: string; version?: number; sections?: Section[] };
  try {
    header = JSON.parse(read(at, hlen).toString('utf8')) as typeof header;
  } catch {
    throw new Error(`${STREAM} file has a damaged header`);
  }
  if (header.kind !== STREAM) throw new Error(`not a ${STREAM} file`);
  if (header.version !== FILE_VERSION)
    throw new Error(`${STREAM} file version ${String(header.version)} is not ${FILE_VERSION}`);
  at += hlen;
  at += pad(at);
  const out: Partial<Record<string, SectionAt>> = {};
  for (const s of header.sections ?? []) {
    if (at + s.bytes > size) throw new Error(`${STREAM} file is truncated`);
    out[s.name] = { type: s.type, at, bytes: s.bytes };
    at += s.bytes + pad(s.bytes);
  }
  const want = { termOffsets: 'u32', docs: 'u16', starts: 'u32', positions: 'u32' } as const;
  for (const [name, type] of Object.entries(want)) {
    if (out[name]?.type !== type || out[name]!.bytes % TYPES[type].BYTES_PER_ELEMENT !== 0)
      throw new Error(`segment file lacks ${name}`);
  }
  return out as Record<keyof typeof want, SectionAt>;
}

/** Bytes read from a file as a typed array of its own (aligned, in this machine's byte order). */
export function typedFrom<T extends Uint16Array | Uint32Array>(
  Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  fill: (into: Buffer) => unknown,
  count: number,
): T {
  const ab = new ArrayBuffer(count * Ctor.BYTES_PER_ELEMENT);
  const b = Buffer.from(ab);
  fill(b);
  if (BIG_ENDIAN && Ctor.BYTES_PER_ELEMENT === 2) b.swap16();
  if (BIG_ENDIAN && Ctor.BYTES_PER_ELEMENT === 4) b.swap32();
  return new Ctor(ab);
}

export function decodeStream(bytes: Buffer, crc: number): StreamData {
  check(bytes, crc, 'positions file');
  const { arrays } = decodeSections(bytes, STREAM);
  return {
    termOffsets: need(arrays, 'termOffsets', Uint32Array),
    docs: need(arrays, 'docs', Uint16Array),
    starts: need(arrays, 'starts', Uint32Array),
    positions: need(arrays, 'positions', Uint32Array),
  };
}

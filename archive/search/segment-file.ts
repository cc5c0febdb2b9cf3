// Encodes a segment's two files as bytes and back (in sections-file.ts's layout): the
// segment file, whose head (terms, statistics, per-item columns, the postings' block
// checksums) is read at open and its postings by block (postings-file.ts), and the term
// positions file, read by term. A file that fails its checksum or its shape throws.

import { crc32 } from 'node:zlib';
import { F } from './fields';
import { postingsArrays } from './postings-arrays';
import {
  arrayOf,
  BIG_ENDIAN,
  decodeSections,
  encodeSections,
  FILE_VERSION,
  layoutOf,
  MAGIC,
  pad,
  TYPES,
  type PlacedSection,
  type Section,
  type Typed,
  type TypeName,
} from './sections-file';
import type { SegmentData, StreamData } from './segment';
import { SortedTerms } from './sorted-terms';

export const SEGMENT = 'dossier-segment';
export const STREAM = 'dossier-positions';

/**
 * A segment file: its terms, statistics and per-item columns first, then the postings
 * (docs, tfs), which a query reads a term at a time. The postings are checked in blocks of
 * `block` bytes (POSTINGS_BLOCK; tests write an earlier version's size), each against its
 * own checksum in the `blockCrcs` section before them; everything before the postings is
 * checked whole (segmentChecksum).
 */
export function encodeSegment(data: SegmentData, block = POSTINGS_BLOCK): Buffer {
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
      blockCrcs: new Uint32Array(Math.ceil(lazyBytes / block)),
      docs,
      tfs,
    },
  );
  const layout = layoutOf(bytes, SEGMENT, bytes.length);
  const crcs = placed(layout, 'blockCrcs');
  blockChecksums(bytes, headBytes(layout), block).forEach((crc, b) => bytes.writeUInt32LE(crc, crcs.at + 4 * b));
  return bytes;
}

/** The checksum of each `block` bytes of a whole segment file from `from` (the postings'
 *  start), the last block running to the file's end. */
function blockChecksums(bytes: Buffer, from: number, block: number): number[] {
  const crcs: number[] = [];
  for (let at = from; at < bytes.length; at += block) crcs.push(checksum(bytes.subarray(at, at + block)));
  return crcs;
}

/**
 * The postings are written, read and checked in blocks of this many bytes: a page. A block
 * read is held until the postings are let go, and the words that matter most to a search
 * or to related items are the rare ones, whose postings take a few bytes in each segment:
 * with 32 KB blocks each such word held 64 KB per segment (its items and its frequencies),
 * and one related-items call at 50,000 items took the server 30 MB more for a moment.
 */
export const POSTINGS_BLOCK = 4 * 1024;
/** Block sizes segment files were written with before; they stay readable as they are. */
const EARLIER_BLOCKS = [32 * 1024];

/** The block size a file's postings (`bytes` of them) were checked in, from how many
 *  checksums it keeps; throws when no size Dossier wrote matches that count. */
function blockSizeOf(bytes: number, count: number): number {
  const block = [POSTINGS_BLOCK, ...EARLIER_BLOCKS].find((b) => Math.ceil(bytes / b) === count);
  if (block === undefined) throw new Error('segment file is inconsistent');
  return block;
}

function placed(layout: PlacedSection[], name: string): PlacedSection {
  const s = layout.find((x) => x.name === name);
  if (!s) throw new Error(`segment file lacks ${name}`);
  return s;
}

/** Where the postings of a whole segment file lie (the file just written, say). */
export function postingsLayoutOf(bytes: Buffer): PostingsLayout {
  const layout = layoutOf(bytes, SEGMENT, bytes.length);
  const crcs = placed(layout, 'blockCrcs');
  const from = headBytes(layout);
  const block = blockSizeOf(bytes.length - from, crcs.bytes / 4);
  return {
    from,
    size: bytes.length,
    block,
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

const need = <T extends Typed>(
  arrays: Record<string, Typed>,
  name: string,
  Ctor: new (n: number) => T,
  length?: number,
): T => arrayOf(arrays, 'segment file', name, Ctor, length);

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
  const { from, crcs, block } = head.postings;
  if (blockChecksums(bytes, from, block).some((c, b) => c !== crcs[b]))
    throw new Error('segment does not match its checksum');
  return head.data;
}

/** Where a segment file's postings lie, and the checksums of their blocks. */
export interface PostingsLayout {
  /** The first byte of the postings, where block 0 starts; the blocks run to `size`. */
  from: number;
  size: number;
  /** Bytes per checked block (POSTINGS_BLOCK, or what an earlier file was written with). */
  block: number;
  crcs: Uint32Array;
  docsAt: number;
  tfsAt: number;
}

/**
 * A segment from its file's head (`head`: at least its first headBytes bytes, checked
 * against `crc`). When `head` is the whole file, `docs` and `tfs` are its postings (whose
 * blocks the caller checks) and the arrays are views into it; else they are zeros, to be
 * filled by block from `postings` as queries need them (postings-file.ts), and nothing
 * returned refers to `head`'s bytes (a SharedBuffer's).
 */
export function decodeSegmentHead(
  head: Buffer,
  crc: number,
  fileSize: number,
): { data: SegmentData; postings: PostingsLayout } {
  // A head's arrays are copied out of it, its text is kept as strings: the bytes read can go
  // (or be read over). A whole file (a merge) keeps its views: no second copy.
  const { text, arrays, layout } = decodeSections(head, SEGMENT, fileSize, head.length < fileSize);
  const from = headBytes(layout);
  check(head.subarray(0, from), crc, 'segment');
  if (typeof text.terms !== 'string') throw new Error('segment file lacks terms');
  const docs = placed(layout, 'docs');
  const tfs = placed(layout, 'tfs');
  if (docs.type !== 'u16' || tfs.type !== 'u8' || docs.bytes !== 2 * tfs.bytes)
    throw new Error('segment file is inconsistent');
  const postings = 'docs' in arrays ? null : postingsArrays(tfs.bytes);
  const crcs = need(arrays, 'blockCrcs', Uint32Array);
  const block = blockSizeOf(fileSize - from, crcs.length);
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
    docs: postings ? postings.docs : need(arrays, 'docs', Uint16Array),
    tfs: postings ? postings.tfs : need(arrays, 'tfs', Uint8Array),
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
  return { data, postings: { from, size: fileSize, block, crcs, docsAt: docs.at, tfsAt: tfs.at } };
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

// Encodes a segment as bytes and back: v8's serializer copies typed arrays verbatim, so
// loading is a memory copy, not a parse. Each file carries a CRC in the manifest; a file
// that fails to decode or to match throws, and the caller rebuilds.

import { serialize, deserialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { SegmentData, StreamData } from './segment';

const TAG = 'dossier-segment';

export function encodeSegment(data: SegmentData): Buffer {
  return serialize({ tag: TAG, ...data });
}

export function encodeStream(data: StreamData): Buffer {
  return serialize({ tag: TAG + '-stream', ...data });
}

export function checksum(bytes: Uint8Array): number {
  return crc32(bytes);
}

function check(bytes: Uint8Array, crc: number, what: string): void {
  if (checksum(bytes) !== crc) throw new Error(`${what} does not match its checksum`);
}

export function decodeSegment(bytes: Buffer, crc: number): SegmentData {
  check(bytes, crc, 'segment');
  const v = deserialize(bytes) as SegmentData & { tag?: string };
  if (
    v?.tag !== TAG ||
    !Array.isArray(v.ids) ||
    !Array.isArray(v.stamps) ||
    typeof v.terms !== 'string' ||
    !(v.offsets instanceof Uint32Array) ||
    !(v.docs instanceof Uint16Array) ||
    !(v.tfs instanceof Uint8Array) ||
    !(v.lengths instanceof Uint16Array)
  ) {
    throw new Error('not a segment');
  }
  const { tag: _tag, ...data } = v;
  return data;
}

export function decodeStream(bytes: Buffer, crc: number): StreamData {
  check(bytes, crc, 'positions file');
  const v = deserialize(bytes) as StreamData & { tag?: string };
  if (
    v?.tag !== TAG + '-stream' ||
    !(v.termOffsets instanceof Uint32Array) ||
    !(v.docs instanceof Uint16Array) ||
    !(v.starts instanceof Uint32Array) ||
    !(v.positions instanceof Uint32Array)
  ) {
    throw new Error('not a positions file');
  }
  return { termOffsets: v.termOffsets, docs: v.docs, starts: v.starts, positions: v.positions };
}

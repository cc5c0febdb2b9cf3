// Writes a segment's two files (postings, term positions) under the index folder with fresh
// unique names, and reads them back: postings at once, positions only when first needed. The
// files only count once a manifest names them; until then they are strays a flush removes.

import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-file';
import { segmentFile, streamFile, type SegmentEntry } from './manifest';
import { FilePositions, type PositionCache } from './positions';
import { Segment, type SegmentData, type StreamData } from './segment';
import { PostingsFile } from './postings-file';
import { SharedBuffer } from './shared-buffer';
import { headerBytes, layoutOf } from './sections-file';
import {
  checksum,
  decodeSegment,
  decodeSegmentHead,
  decodeStream,
  encodeSegment,
  encodeStream,
  headBytes,
  postingsLayoutOf,
  segmentChecksum,
  SEGMENT,
  type PostingsLayout,
} from './segment-file';

export interface Stored {
  name: string;
  crc: number;
  streamCrc: number;
  /** Where its postings lie in its file, when it was just written: the engine then reads
   *  them from there by block, as from a segment it opened, rather than keeping them. */
  postings?: PostingsLayout;
}

/**
 * A segment a worker just built, with where it was stored; `stored` is null when the disk
 * refused it (read-only or full), and the engine then keeps it in memory and retries on flush.
 */
export async function withStorage<T extends { data: SegmentData; stream: StreamData }>(
  dir: string,
  built: T,
): Promise<T & { stored: Stored | null }> {
  if (!dir) return { ...built, stored: null };
  try {
    return { ...built, stored: await storeSegment(dir, built.data, built.stream) };
  } catch {
    return { ...built, stored: null };
  }
}

export async function storeSegment(dir: string, data: SegmentData, stream: StreamData): Promise<Stored> {
  const name = `s${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  // One file's bytes at a time: a worker's peak holds the larger of the two, not both.
  const streamCrc = await writeStream(dir, name, stream);
  const segBytes = encodeSegment(data);
  await writeFileAtomic(segmentFile(dir, name), segBytes);
  return { name, crc: segmentChecksum(segBytes), streamCrc, postings: postingsLayoutOf(segBytes) };
}

/** Writes a segment's term positions; their file's checksum. */
async function writeStream(dir: string, name: string, stream: StreamData): Promise<number> {
  const bytes = encodeStream(stream);
  await writeFileAtomic(streamFile(dir, name), bytes);
  return checksum(bytes);
}

/** The heads of the segments an index opens are read into one buffer in turn. */
const headReads = new SharedBuffer();

/** A segment file's first bytes, in which its header lies whole unless it is unusually long. */
const FIRST_READ = 64 * 1024;

/**
 * Reads the segment a manifest entry names (its deleted ordinals are the caller's to apply);
 * throws when the file is missing, damaged or not the size the entry says. With a cache (a
 * query's segment), it reads the file's head now and its postings and term positions by
 * term as queries need them; without (a merge), it reads and checks all of it.
 */
export async function readSegment(dir: string, e: SegmentEntry, cache: PositionCache | null = null): Promise<Segment> {
  const file = segmentFile(dir, e.name);
  if (!cache) {
    const data = decodeSegment(await fs.readFile(file), e.crc);
    if (data.ids.length !== e.docs) throw new Error('segment size does not match the manifest');
    return new Segment(data, null, streamLoader(dir, e));
  }
  const handle = await fs.open(file, 'r');
  let head: { data: SegmentData; postings: PostingsLayout };
  try {
    const { size } = await handle.stat();
    const first = await readAt(handle, 0, Math.min(size, FIRST_READ));
    const header = headerBytes(first) <= first.length ? first : await readAt(handle, 0, headerBytes(first));
    const layout = layoutOf(header, SEGMENT, size);
    head = await headReads.use(headBytes(layout), async (into) =>
      decodeSegmentHead(await readAt(handle, 0, into.length, into), e.crc, size),
    );
  } finally {
    await handle.close();
  }
  if (head.data.docLang.length !== e.docs) throw new Error('segment size does not match the manifest');
  const seg = new Segment(head.data, null);
  seg.readPostingsFrom(new PostingsFile(file, head.postings, head.data.docs, head.data.tfs));
  seg.releaseStream(streamLoader(dir, e), storedPositions(dir, e, seg, cache));
  return seg;
}

/** `length` bytes of an open file from `at` (into `bytes`, else a buffer of their own); throws if it ends first. */
async function readAt(
  handle: FileHandle,
  at: number,
  length: number,
  bytes: Buffer = Buffer.alloc(length),
): Promise<Buffer> {
  for (let got = 0; got < length;) {
    const { bytesRead } = await handle.read(bytes, got, length - got, at + got);
    if (bytesRead === 0) throw new Error('segment file is truncated');
    got += bytesRead;
  }
  return bytes;
}

/** Reads all of a stored segment's term positions back (checked against their checksum),
 *  for a merge. Queries read them a term at a time (storedPositions). */
export function streamLoader(dir: string, s: Stored): () => StreamData {
  return () => decodeStream(readFileSync(streamFile(dir, s.name)), s.streamCrc);
}

/** Reads a stored segment's positions one term at a time, synchronously, because a phrase
 *  asks for them in the middle of scoring a query; only its terms' byte ranges are read. */
export function storedPositions(dir: string, s: Stored, seg: Segment, cache: PositionCache): FilePositions {
  return new FilePositions(streamFile(dir, s.name), seg.terms.length, seg.size, cache);
}

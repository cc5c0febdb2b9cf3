// Writes a segment's two files (postings, term positions) under the index folder with fresh
// unique names, and reads them back: postings at once, positions only when first needed. The
// files only count once a manifest names them; until then they are strays a flush removes.

import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-file';
import { segmentFile, streamFile, type SegmentEntry } from './manifest';
import { Segment, type SegmentData, type StreamData } from './segment';
import { checksum, decodeSegment, decodeStream, encodeSegment, encodeStream } from './segment-file';
import { PositionsReader } from './positions-reader';

export interface Stored {
  name: string;
  crc: number;
  streamCrc: number;
}

/**
 * A segment a worker just built, with where it was stored; `stored` is null when the disk
 * refused it (read-only or full), and the engine then keeps it in memory and retries on flush.
 */
export async function withStorage<T extends { data: SegmentData; stream: StreamData }>(dir: string, built: T): Promise<T & { stored: Stored | null }> {
  if (!dir) return { ...built, stored: null };
  try {
    return { ...built, stored: await storeSegment(dir, built.data, built.stream) };
  } catch {
    return { ...built, stored: null };
  }
}

export async function storeSegment(dir: string, data: SegmentData, stream: StreamData): Promise<Stored> {
  const name = `s${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const segBytes = encodeSegment(data);
  const streamBytes = encodeStream(stream);
  await writeFileAtomic(streamFile(dir, name), streamBytes);
  await writeFileAtomic(segmentFile(dir, name), segBytes);
  return { name, crc: checksum(segBytes), streamCrc: checksum(streamBytes) };
}

/** Reads the segment a manifest entry names (its deleted ordinals are the caller's to
 *  apply); throws when the file is missing, damaged or not the size the entry says.
 *  `lazyPositions`: single pairs' positions are read from the file as needed (a reader
 *  that holds the index briefly) until something loads them whole. */
export async function readSegment(dir: string, e: SegmentEntry, lazyPositions = false): Promise<Segment> {
  const data = decodeSegment(await fs.readFile(segmentFile(dir, e.name)), e.crc);
  if (data.ids.length !== e.docs) throw new Error('segment size does not match the manifest');
  const seg = new Segment(data, null, streamLoader(dir, e));
  if (lazyPositions) {
    const reader = new PositionsReader(streamFile(dir, e.name), seg.terms.length);
    seg.lazyPositions = (t, doc) => reader.positionsOf(t, doc);
  }
  return seg;
}

/** Reads a stored segment's term positions back. They are loaded only when a phrase needs
 *  them, synchronously, because that happens in the middle of scoring a query. */
export function streamLoader(dir: string, s: Stored): () => StreamData {
  return () => decodeStream(readFileSync(streamFile(dir, s.name)), s.streamCrc);
}

// Writes a segment's two files (postings, term positions) under the index folder with fresh
// unique names, and says where they are and what their checksums are. The files only count
// once a manifest names them; until then they are strays the next flush removes.

import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../core/atomic-file';
import { segmentFile, streamFile } from './manifest';
import type { SegmentData, StreamData } from './segment';
import { checksum, encodeSegment, encodeStream } from './segment-file';

export interface Stored {
  name: string;
  crc: number;
  streamCrc: number;
}

export async function storeSegment(dir: string, data: SegmentData, stream: StreamData): Promise<Stored> {
  const name = `s${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const segBytes = encodeSegment(data);
  const streamBytes = encodeStream(stream);
  await writeFileAtomic(streamFile(dir, name), streamBytes);
  await writeFileAtomic(segmentFile(dir, name), segBytes);
  return { name, crc: checksum(segBytes), streamCrc: checksum(streamBytes) };
}

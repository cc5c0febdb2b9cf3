// One compaction step as a job a worker can run: it reads the parts (from their files, or
// from the message for parts never stored), merges their live items, and writes the result
// under fresh names. The caller's segments are never touched; adopting the result is theirs.

import type { BuildOutput } from './build-batch';
import { mergeSegments } from './merge';
import { Segment, type SegmentData, type StreamData } from './segment';
import { readSegment, withStorage, type Stored } from './segment-store';

/** A segment to merge, with which of its ordinals were live when the job was made. Stored
 *  parts travel as their file names, so the caller copies nothing but the live flags. */
export type MergePart = { alive: Uint8Array } & (
  { stored: Stored; docs: number } | { data: SegmentData; stream: StreamData }
);

export interface MergeJob {
  kind: 'merge';
  id: number;
  /** The index folder the parts are read from and the merged segment is written to. */
  dir: string;
  parts: MergePart[];
}

export async function runMerge(job: Omit<MergeJob, 'id'>): Promise<BuildOutput> {
  const segs = await Promise.all(
    job.parts.map(async (p) => {
      const seg =
        'stored' in p
          ? await readSegment(job.dir, { ...p.stored, docs: p.docs, dead: [] })
          : new Segment(p.data, p.stream);
      seg.alive.set(p.alive);
      return seg;
    }),
  );
  return withStorage(job.dir, mergeSegments(segs));
}

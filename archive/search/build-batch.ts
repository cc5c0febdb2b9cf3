// Builds one segment from items' metadata and their body files, and writes its files under
// the index folder. Used by the worker and, when no worker can start, by the engine itself;
// both give the same segment. A missing body file indexes the item by its metadata alone.

import { analyse, type IndexableDoc } from './build';
import { isMainThread } from 'node:worker_threads';
import { readBody, readBodySync } from './body-file';
import type { SegmentData, StreamData } from './segment';
import type { SearchMeta } from './types';
import { SegmentBuilder } from './segment-builder';
import { withStorage, type Stored } from './segment-store';

export type IndexableMeta = Omit<IndexableDoc, 'body'> & { body?: string };

/** What indexing reads of an item's metadata (and its body, when given). */
export function toIndexable(m: SearchMeta & { body?: string }): IndexableMeta {
  return {
    id: m.id,
    stamp: m.stamp,
    language: m.language,
    title: m.title ?? '',
    tags: m.tags ?? [],
    source: m.source,
    byline: m.byline,
    notes: m.notes ?? '',
    url: m.url ?? null,
    excerpt: m.excerpt ?? '',
    ...(m.body !== undefined ? { body: m.body } : {}),
  };
}

export interface BuildJob {
  id: number;
  contentDir: string;
  /** The index folder the segment's files are written to. */
  dir: string;
  docs: IndexableMeta[];
}

export interface BuildOutput {
  data: SegmentData;
  /** Null when a worker built and stored it: the engine reads positions from the file. */
  stream: StreamData | null;
  /** Null when the files could not be written; the engine then writes them on flush. */
  stored: Stored | null;
}

export async function buildBatch(job: Omit<BuildJob, 'id'>): Promise<BuildOutput> {
  // Each item goes into the builder as soon as it is analysed, so memory follows the
  // segment's postings, not the analysed form of every item.
  const builder = new SegmentBuilder();
  // A few bodies are read ahead while analysing. On the engine's own thread (when no worker
  // could start) through the promise API, so that disk and CPU overlap and no read blocks
  // it; a worker holds no thread anyone waits on and reads each synchronously, without the
  // open/stat/read/close round trips: reading a job's 5,000 bodies from content/ added some
  // 0.3 s to its build so, against 0.6–0.9 s through the promise API.
  const read = isMainThread ? readBody : async (dir: string, id: string) => readBodySync(dir, id);
  const AHEAD = 16;
  const bodies: Array<Promise<string>> = [];
  const start = (i: number) => {
    const d = job.docs[i];
    bodies[i] = d.body !== undefined ? Promise.resolve(d.body) : read(job.contentDir, d.id);
  };
  for (let i = 0; i < Math.min(AHEAD, job.docs.length); i++) start(i);
  for (let i = 0; i < job.docs.length; i++) {
    if (i + AHEAD < job.docs.length) start(i + AHEAD);
    const body = await bodies[i];
    delete bodies[i];
    builder.add(analyse({ ...job.docs[i], body }));
  }
  return withStorage(job.dir, builder.finish());
}

// The search worker: given items' metadata it reads their bodies from content/, analyses
// them and builds one segment; given a merge job it merges stored segments into one. Either
// way it hands the arrays back without copying (transfer), the term positions only of a
// segment it could not store, and holds no state between jobs.

import { parentPort } from 'node:worker_threads';
import { buildBatch, type BuildJob, type BuildOutput } from './build-batch';
import { runMerge, type MergeJob } from './merge-job';

parentPort?.on('message', async (job: BuildJob | MergeJob) => {
  try {
    const made = 'kind' in job && job.kind === 'merge' ? await runMerge(job) : await buildBatch(job as BuildJob);
    // A stored segment's term positions and postings stay here: the engine reads them from
    // its files by term, and would only hold them as garbage (most of a segment's bytes).
    const built = made.stored
      ? {
          ...made,
          stream: null,
          data: made.stored.postings ? { ...made.data, docs: new Uint16Array(0), tfs: new Uint8Array(0) } : made.data,
        }
      : made;
    parentPort!.postMessage({ id: job.id, ok: true, built }, transferList(built));
  } catch (err) {
    parentPort!.postMessage({ id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});

function transferList(built: BuildOutput): ArrayBuffer[] {
  const { data, stream } = built;
  const arrays = [data.docLang, data.norms, data.offsets, data.docs, data.tfs, data.lengths];
  if (stream) arrays.push(stream.termOffsets, stream.docs, stream.starts, stream.positions);
  // Arrays decoded from a file may share one buffer; each buffer is listed once.
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

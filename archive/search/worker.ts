// The build worker: given items' metadata, it reads their bodies from content/, analyses
// them and builds one segment, then hands the arrays back without copying (transfer). It
// holds no state between jobs; the engine starts and ends it.

import { parentPort } from 'node:worker_threads';
import { buildBatch, type BuildJob } from './build-batch';

parentPort?.on('message', async (job: BuildJob) => {
  try {
    const built = await buildBatch(job);
    const transfer = [built.data.offsets.buffer, built.data.docs.buffer, built.data.tfs.buffer, built.data.lengths.buffer, built.stream.termOffsets.buffer, built.stream.docs.buffer, built.stream.starts.buffer, built.stream.positions.buffer];
    parentPort!.postMessage({ id: job.id, ok: true, built }, transfer as ArrayBuffer[]);
  } catch (err) {
    parentPort!.postMessage({ id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});

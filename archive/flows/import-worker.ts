// The import worker: runs one import job per message (jsdom, Readability, DOMPurify and the
// other importers; the bundle reader) and answers with the result or a one-line reason.
// No state is kept between jobs, so the pool may end it at any time.

import { parentPort } from 'node:worker_threads';
import { runImportJob, type ImportJob } from './import-job';

// The importers (jsdom and all) load first, then the pool hears "ready" before any job runs:
// a job's deadline counts from there, and a worker that fails before it never could start.
const loaded = Promise.all([
  import('../interop/registry'),
  import('../interop/web-page'),
  import('../core/bundle'),
]).then(() => parentPort?.postMessage({ ready: true }));

parentPort?.on('message', async ({ id, job }: { id: number; job: ImportJob }) => {
  await loaded;
  try {
    const parsed = await runImportJob(job);
    parentPort!.postMessage({ id, ok: true, parsed }, 'content' in parsed ? ownBuffers(parsed.content.values()) : []);
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

/** The buffers a bundle's bodies alone hold, handed back without a copy (a shared one is copied: handing it over would take it from under its other views). */
function ownBuffers(bodies: Iterable<Uint8Array>): ArrayBuffer[] {
  const own = new Set<ArrayBuffer>();
  for (const b of bodies)
    if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
      own.add(b.buffer);
  return [...own];
}

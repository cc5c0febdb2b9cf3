// The import worker: runs one parse job per message (jsdom, Readability, DOMPurify and the
// other importers) and answers with the drafts or a one-line reason. No state is kept
// between jobs, so the pool may end it at any time.

import { parentPort } from 'node:worker_threads';
import { runParseJob, type ParseJob } from './parse-job';

// The importers (jsdom and all) load first, then the pool hears "ready" before any job runs:
// a job's deadline counts from there, and a worker that fails before it never could start.
const loaded = Promise.all([import('./registry'), import('./web-page')]).then(() => parentPort?.postMessage({ ready: true }));

parentPort?.on('message', async ({ id, job }: { id: number; job: ParseJob }) => {
  await loaded;
  try {
    parentPort!.postMessage({ id, ok: true, parsed: await runParseJob(job) });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

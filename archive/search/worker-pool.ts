// Runs segment builds and merges on worker threads (builds on at most one per spare core,
// two at most) so the caller's thread never analyses or merges thousands of items. Workers
// end with their jobs or on stop(), so a process can exit; if none can start, jobs run inline.
// Other pools' idle workers end before one starts (worker-entry.ts endIdleWorkers).

import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { buildBatch, type BuildJob, type BuildOutput } from './build-batch';
import { runMerge, type MergeJob } from './merge-job';
import { endIdleWorkers, WORKER_NURSERY_MB, workerEntry, type WorkerEntry } from '../core/worker-entry';

export type Built = BuildOutput;

const LIMITS = { maxYoungGenerationSizeMb: WORKER_NURSERY_MB };

/** How to start a build worker here, or null when only inline builds are possible. */
function workerScript(): WorkerEntry | null {
  return workerEntry(new URL('./worker.js', import.meta.url), new URL('./worker.ts', import.meta.url));
}

/** A build or merge worker, started once other pools' idle workers have ended; null when it cannot start. */
function startWorker(script: WorkerEntry): Worker | null {
  endIdleWorkers();
  try {
    return new Worker(script.code, { eval: script.eval, resourceLimits: LIMITS });
  } catch {
    return null;
  }
}

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private stopped = false;
  /** Counts stop() calls, so a merge can tell it was cut short by one. */
  private stops = 0;
  /** Jobs built on a worker (the rest ran inline), for tests and the benchmark. */
  workerBuilds = 0;
  /** Merges run on a worker, and inline (only when no worker could run them). */
  workerMerges = 0;
  inlineMerges = 0;

  constructor(private readonly size = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length))) {}

  /** Builds every job, calling onBuilt as each finishes (in any order). */
  async run(
    jobs: Array<Omit<BuildJob, 'id'>>,
    onBuilt: (built: Built, job: Omit<BuildJob, 'id'>) => void,
  ): Promise<void> {
    const queue = jobs.map((j, i) => ({ ...j, id: i }));
    const script = workerScript();
    const spawn = (): Worker | null => {
      const worker = script ? startWorker(script) : null;
      if (worker) this.workers.add(worker);
      return worker;
    };
    const retire = async (worker: Worker): Promise<void> => {
      this.workers.delete(worker);
      await worker.terminate();
    };
    const lane = async (): Promise<void> => {
      let worker = spawn();
      try {
        while (queue.length > 0 && !this.stopped) {
          const job = queue.shift()!;
          let built: Built | null = null;
          if (worker) {
            try {
              built = await runOn(worker, job);
              this.workerBuilds++;
            } catch {
              // A worker that fails once is not trusted again; this lane continues inline.
              void worker.terminate();
              this.workers.delete(worker);
              worker = null;
            }
          }
          if (this.stopped) return;
          if (!built) built = await buildBatch(job);
          if (this.stopped) return;
          onBuilt(built, job);
          // Each job on a fresh worker: a worker's heap grows to its largest job's and is kept
          // while it lives, so two long-lived workers held ~60 MB more at 50,000 items.
          if (worker && queue.length > 0) {
            await retire(worker);
            worker = this.stopped ? null : spawn();
          }
        }
      } finally {
        if (worker) await retire(worker);
      }
    };
    const lanes = Math.min(this.size, queue.length);
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  /**
   * Runs one merge on a worker of its own, which ends with it. Unlike builds, merges asked
   * for after stop() still run (closing persists, and may compact); one running when stop()
   * is called is cut short and rejects. A job the worker reports failed (a damaged file)
   * rejects too; only a worker that cannot run at all makes the merge run on this thread.
   */
  async merge(job: Omit<MergeJob, 'id'>): Promise<Built> {
    const script = workerScript();
    const worker = script ? startWorker(script) : null;
    if (!worker) {
      this.inlineMerges++;
      return runMerge(job);
    }
    const stops = this.stops;
    this.workers.add(worker);
    try {
      const built = await runOn(worker, { ...job, id: 0 });
      this.workerMerges++;
      return built;
    } catch (err) {
      // The job itself failed (say, a damaged file): inline it would fail the same way.
      if (err instanceof JobFailed || this.stops !== stops) throw err;
      // The worker could not run at all (it did not start, or died): merge here instead.
      this.inlineMerges++;
      return runMerge(job);
    } finally {
      this.workers.delete(worker);
      await worker.terminate();
    }
  }

  async stop(): Promise<void> {
    this.stops++;
    this.stopped = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
    this.workers.clear();
  }
}

/** A job the worker ran and reported failed, as opposed to a worker that could not run it. */
class JobFailed extends Error {}

function runOn(worker: Worker, job: BuildJob | MergeJob): Promise<Built> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (msg: { id: number; ok: boolean; built?: Built; error?: string }) => {
      if (msg.id !== job.id) return;
      done();
      if (msg.ok && msg.built) resolve(msg.built);
      else reject(new JobFailed(msg.error ?? 'job failed'));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = () => {
      done();
      reject(new Error('worker exited'));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

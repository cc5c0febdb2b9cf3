// Runs import parsing on worker threads, so the thread that answers requests never spends
// seconds in jsdom, Readability or a bundle's checks: jobs queue for a few workers (a
// second starts only while jobs wait, so a bulk import parses on every core), each with a
// heap limit and a deadline per job, ending after a while idle or at once when an index
// build or merge starts a worker (they never keep a process alive). Only when no worker
// can start does a job run on the caller's thread.

import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { keepsIdleWorkers, WORKER_NURSERY_MB, workerEntry, type WorkerEntry } from '../core/worker-entry';
import { jobName, runImportJob, type ImportJob, type ImportJobResult } from './import-job';
import type { Bundle } from '../core/bundle';
import type { ParsedFile, SourceFile } from '../interop/types';
import type { WebPageOptions } from '../interop/web-page';

/** A job still running after this is stopped: no honest page takes a minute to read. */
export const PARSE_TIMEOUT_MS = 60_000;
/** The worker's heap: a page that needs more is refused rather than taking the process down. */
export const PARSE_HEAP_MB = 1024;
/**
 * An idle worker ends after this; the next job starts another (ready in 130–160 ms on the
 * benchmark machine), while the batches of one import, which follow each other at once,
 * keep theirs. An idle worker holds some 25–30 MB, and the searches right after an import
 * start the build of what it added: the serve benchmark's session at 50,000 items peaked
 * at 355–367 MB with 2 s against 382–399 with 3 s (the workers still there for the build).
 */
export const PARSE_IDLE_MS = 2_000;
/** Workers at most: one per core, up to two (each holds jsdom, some 50 MB). */
export const PARSE_WORKERS = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));

interface Pending {
  id: number;
  job: ImportJob;
  /** Buffers handed to the worker rather than copied (a big file would cost a copy on this thread). */
  transfer: ArrayBuffer[];
  resolve: (result: ParsedFile | Bundle) => void;
  reject: (error: Error) => void;
}

export interface ImportPoolOptions {
  timeoutMs?: number;
  heapMb?: number;
  /** How to start the worker (tests); by default import-worker beside this module. */
  entry?: () => WorkerEntry | null;
  /** Workers at most (PARSE_WORKERS by default). */
  workers?: number;
  /** How long a worker without a job lives on (PARSE_IDLE_MS by default). */
  idleMs?: number;
}

/** One worker and the job it runs. */
interface Slot {
  worker: Worker;
  /** The worker's entry has loaded (it said so); until then a failure means it cannot start. */
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

const defaultEntry = (): WorkerEntry | null =>
  workerEntry(new URL('./import-worker.js', import.meta.url), new URL('./import-worker.ts', import.meta.url));

export class ImportPool {
  private readonly slots: Slot[] = [];
  /** Set once no worker could start: from then on jobs run inline. */
  private cannotStart = false;
  /** Lowered when an extra worker fails to start: the pool makes do with the ones it has. */
  private maxWorkers: number;
  private inlineBusy = false;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Jobs run on a worker, and on the caller's thread, for tests and diagnostics. */
  workerJobs = 0;
  inlineJobs = 0;

  constructor(private readonly options: ImportPoolOptions = {}) {
    this.maxWorkers = Math.max(1, options.workers ?? PARSE_WORKERS);
    // An index build or merge starting ends the workers this pool keeps idle.
    keepsIdleWorkers(() => void this.stop());
  }

  /** With `handOver`, the file's bytes go to the worker without a copy and are unusable here afterwards. */
  parseFile(file: SourceFile, options: { handOver?: boolean } = {}): Promise<ParsedFile> {
    return this.run({ kind: 'file', file }, options.handOver ? file.bytes : null);
  }

  parsePage(bytes: Uint8Array, options: WebPageOptions & { handOver?: boolean }): Promise<ParsedFile> {
    const { handOver, ...page } = options;
    return this.run({ kind: 'page', bytes, options: page }, handOver ? bytes : null);
  }

  /** Reads and checks a .dossier bundle (see readBundle); `handOver` as for parseFile. */
  readBundle(file: SourceFile, options: { handOver?: boolean } = {}): Promise<Bundle> {
    return this.run({ kind: 'bundle', name: file.name, bytes: file.bytes }, options.handOver ? file.bytes : null);
  }

  run<J extends ImportJob>(job: J, handOver: Uint8Array | null = null): Promise<ImportJobResult<J>> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        job,
        transfer: wholeBuffer(handOver),
        resolve: resolve as Pending['resolve'],
        reject,
      });
      this.pump();
    });
  }

  /** Workers running now (tests). */
  get workers(): number {
    return this.slots.length;
  }

  /** Ends the idle workers now; queued jobs still run (on new workers). */
  async stop(): Promise<void> {
    const idle = this.slots.filter((slot) => !slot.current);
    for (const slot of idle) this.forget(slot);
    await Promise.all(idle.map((slot) => slot.worker.terminate()));
  }

  /**
   * Hands queued jobs to idle workers. The first worker takes a job while it starts (its
   * deadline counts once it is ready); an extra one starts only while jobs wait, and takes
   * work once ready, so no job waits for a start another worker could have spared it.
   */
  private pump(): void {
    while (this.queue.length > 0) {
      if (this.cannotStart) {
        if (!this.inlineBusy) void this.runInline(this.queue.shift()!);
        return;
      }
      const idle = this.slots.find((slot) => slot.ready && !slot.current);
      if (idle) {
        this.send(idle, this.queue.shift()!);
        continue;
      }
      if (this.slots.length === 0) {
        const first = this.start();
        if (first) this.send(first, this.queue.shift()!);
        continue; // none could start: the loop runs the job inline
      }
      if (this.slots.length < this.maxWorkers && this.slots.every((slot) => slot.ready)) this.start();
      return;
    }
  }

  private send(slot: Slot, pending: Pending): void {
    slot.current = pending;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.worker.ref();
    // Handed over only to a worker known to run: a job sent to one that never starts is run inline, and needs its bytes.
    slot.worker.postMessage({ id: pending.id, job: pending.job }, slot.ready ? pending.transfer : []);
    // The deadline counts from when the worker can work: starting one is not the page's fault.
    if (slot.ready) this.arm(slot);
  }

  private arm(slot: Slot): void {
    const pending = slot.current;
    if (!pending || slot.timer) return;
    const limit = this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`;
    slot.timer = setTimeout(
      () => this.abandon(slot, `${jobName(pending.job)} took too long to read (over ${limit})`),
      this.timeoutMs,
    );
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? PARSE_TIMEOUT_MS;
  }

  private async runInline(pending: Pending): Promise<void> {
    this.inlineBusy = true;
    try {
      this.inlineJobs++;
      pending.resolve(await runImportJob(pending.job));
    } catch (error) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.inlineBusy = false;
      this.pump();
    }
  }

  /** Starts a worker; null (and jobs run inline from now on) when none can start here. */
  private start(): Slot | null {
    const entry = (this.options.entry ?? defaultEntry)();
    let worker: Worker | null = null;
    try {
      if (entry)
        worker = new Worker(entry.code, {
          eval: entry.eval,
          resourceLimits: {
            maxOldGenerationSizeMb: this.options.heapMb ?? PARSE_HEAP_MB,
            maxYoungGenerationSizeMb: WORKER_NURSERY_MB,
          },
        });
    } catch {
      worker = null;
    }
    if (!worker) {
      this.startFailed();
      return null;
    }
    const slot: Slot = { worker, ready: false, current: null, timer: null, idleTimer: null };
    this.slots.push(slot);
    worker.unref(); // until it has a job
    const mine = () => this.slots.includes(slot); // not one already ended (timed out, failed)
    worker.on(
      'message',
      (msg: { ready?: true; id: number; ok: boolean; parsed?: ParsedFile | Bundle; error?: string }) => {
        if (!mine()) return;
        if (msg.ready) {
          slot.ready = true;
          if (!slot.current) return this.finish(slot);
          this.arm(slot);
          this.pump(); // jobs waiting may start a second worker now
          return;
        }
        const pending = slot.current;
        if (!pending || msg.id !== pending.id) return;
        this.finish(slot);
        this.workerJobs++;
        if (msg.ok && msg.parsed) pending.resolve(msg.parsed);
        else pending.reject(new Error(msg.error ?? `${jobName(pending.job)} could not be read`));
      },
    );
    worker.on('error', (error: Error & { code?: string }) => {
      if (!mine()) return;
      if (!slot.ready) return this.couldNotStart(slot);
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `is too large to read (it needed more than ${this.options.heapMb ?? PARSE_HEAP_MB} MB)`
          : `could not be read (${error.message.split('\n')[0]})`;
      this.abandon(slot, slot.current ? `${jobName(slot.current.job)} ${reason}` : reason);
    });
    worker.on('exit', () => {
      if (!mine()) return;
      if (!slot.ready) return this.couldNotStart(slot);
      this.forget(slot);
      if (slot.current) this.fail(slot, `${jobName(slot.current.job)} could not be read (the import worker stopped)`);
    });
    return slot;
  }

  /** A worker's entry never loaded: its job goes back to the queue, for another worker or inline. */
  private couldNotStart(slot: Slot): void {
    const pending = slot.current;
    slot.current = null;
    this.discard(slot);
    this.startFailed();
    if (pending) this.queue.unshift(pending);
    this.pump();
  }

  /** No more workers than run now; none at all: jobs run inline. */
  private startFailed(): void {
    this.maxWorkers = Math.max(1, this.slots.length);
    if (this.slots.length === 0) this.cannotStart = true;
  }

  /** A worker's job is over (or it is ready without one): clear its deadline, let it idle (and later end). */
  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (this.slots.includes(slot) && !slot.current) this.discard(slot);
    }, this.options.idleMs ?? PARSE_IDLE_MS);
    slot.idleTimer.unref();
    queueMicrotask(() => this.pump());
  }

  /** Fails the worker's job with `reason` and ends the worker (it may be stuck or broken). */
  private abandon(slot: Slot, reason: string): void {
    this.discard(slot);
    this.fail(slot, reason);
  }

  private fail(slot: Slot, reason: string): void {
    const pending = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    pending?.reject(new Error(reason));
    queueMicrotask(() => this.pump());
  }

  private discard(slot: Slot): void {
    this.forget(slot);
    void slot.worker.terminate();
  }

  /** Takes the worker out of the pool (its messages are ignored from now on). */
  private forget(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
  }
}

/** The buffer under `bytes` when they are all of it (only then may it be handed over: a slice shares its buffer). */
function wholeBuffer(bytes: Uint8Array | null): ArrayBuffer[] {
  if (bytes === null || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

/** The process's one pool: hosts read every imported file, fetched page and bundle through it. */
export const importPool = new ImportPool();

// Runs import parsing on a worker thread, so the thread that answers requests never spends
// seconds in jsdom, Readability or a bundle's checks: jobs queue for one worker, which has
// a heap limit and a deadline per job, and ends after a while idle (it never keeps a
// process alive). Only when no worker can start does a job run on the caller's thread.

import { Worker } from 'node:worker_threads';
import { workerEntry, type WorkerEntry } from './worker-entry';
import { jobName, runImportJob, type ImportJob, type ImportJobResult } from './import-job';
import type { Bundle } from './bundle';
import type { ParsedFile, SourceFile } from '../interop/types';
import type { WebPageOptions } from '../interop/web-page';

/** A job still running after this is stopped: no honest page takes a minute to read. */
export const PARSE_TIMEOUT_MS = 60_000;
/** The worker's heap: a page that needs more is refused rather than taking the process down. */
export const PARSE_HEAP_MB = 1024;
/** An idle worker ends after this; the next job starts another (about half a second). */
const IDLE_MS = 30_000;

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
}

const defaultEntry = (): WorkerEntry | null => workerEntry(new URL('./import-worker.js', import.meta.url), new URL('./import-worker.ts', import.meta.url));

export class ImportPool {
  private worker: Worker | null = null;
  /** The worker's entry has loaded (it said so); until then a failure means it cannot start. */
  private ready = false;
  /** Set once a worker failed to start: from then on jobs run inline. */
  private cannotStart = false;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  /** Jobs run on the worker, and on the caller's thread, for tests and diagnostics. */
  workerJobs = 0;
  inlineJobs = 0;

  constructor(private readonly options: ImportPoolOptions = {}) {}

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
      this.queue.push({ id: this.nextId++, job, transfer: wholeBuffer(handOver), resolve: resolve as Pending['resolve'], reject });
      this.pump();
    });
  }

  /** Ends the worker now; queued jobs still run (on a new worker). */
  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    if (worker && !this.current) {
      this.worker = null;
      await worker.terminate();
    }
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    const worker = this.cannotStart ? null : this.ensureWorker();
    if (!worker) {
      void this.runInline(next);
      return;
    }
    this.current = next;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    worker.ref();
    // Handed over only to a worker known to run: a job sent to one that never starts is run inline, and needs its bytes.
    worker.postMessage({ id: next.id, job: next.job }, this.ready ? next.transfer : []);
    // The deadline counts from when the worker can work: starting one is not the page's fault.
    if (this.ready) this.arm(next);
  }

  private arm(pending: Pending): void {
    if (this.current !== pending || this.timer) return;
    const limit = this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`;
    this.timer = setTimeout(() => this.abandon(`${jobName(pending.job)} took too long to read (over ${limit})`), this.timeoutMs);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? PARSE_TIMEOUT_MS;
  }

  private async runInline(pending: Pending): Promise<void> {
    this.current = pending;
    try {
      this.inlineJobs++;
      pending.resolve(await runImportJob(pending.job));
    } catch (error) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.current = null;
      this.pump();
    }
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    const entry = (this.options.entry ?? defaultEntry)();
    if (!entry) {
      this.cannotStart = true;
      return null;
    }
    let worker: Worker;
    try {
      worker = new Worker(entry.code, { eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? PARSE_HEAP_MB } });
    } catch {
      this.cannotStart = true;
      return null;
    }
    this.worker = worker;
    this.ready = false;
    worker.on('message', (msg: { ready?: true; id: number; ok: boolean; parsed?: ParsedFile | Bundle; error?: string }) => {
      if (this.worker !== worker) return; // one already ended (timed out, failed)
      if (msg.ready) {
        this.ready = true;
        if (this.current) this.arm(this.current);
        return;
      }
      const pending = this.current;
      if (!pending || msg.id !== pending.id) return;
      this.finish();
      this.workerJobs++;
      if (msg.ok && msg.parsed) pending.resolve(msg.parsed);
      else pending.reject(new Error(msg.error ?? `${jobName(pending.job)} could not be read`));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      if (!this.ready) return this.couldNotStart(worker);
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `is too large to read (it needed more than ${this.options.heapMb ?? PARSE_HEAP_MB} MB)` : `could not be read (${error.message.split('\n')[0]})`;
      this.abandon(this.current ? `${jobName(this.current.job)} ${reason}` : reason);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      if (!this.ready) return this.couldNotStart(worker);
      this.worker = null;
      if (this.current) this.abandon(`${jobName(this.current.job)} could not be read (the import worker stopped)`);
    });
    return worker;
  }

  /** The worker's entry never loaded: this job, and every later one, runs inline. */
  private couldNotStart(worker: Worker): void {
    this.cannotStart = true;
    const pending = this.current;
    this.current = null;
    this.discard(worker);
    if (pending) this.queue.unshift(pending);
    this.pump();
  }

  /** The current job is over: clear its deadline, let the worker idle (and later end). */
  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    const worker = this.worker;
    if (worker) {
      worker.unref();
      this.idleTimer = setTimeout(() => {
        if (this.worker === worker && !this.current) this.discard(worker);
      }, IDLE_MS);
      this.idleTimer.unref();
    }
    queueMicrotask(() => this.pump());
  }

  /** Fails the current job with `reason` and ends its worker (it may be stuck or broken). */
  private abandon(reason: string): void {
    const pending = this.current;
    const worker = this.worker;
    this.finish();
    if (worker) this.discard(worker);
    pending?.reject(new Error(reason));
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }
}

/** The buffer under `bytes` when they are all of it (only then may it be handed over: a slice shares its buffer). */
function wholeBuffer(bytes: Uint8Array | null): ArrayBuffer[] {
  if (bytes === null || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

/** The process's one pool: hosts read every imported file, fetched page and bundle through it. */
export const importPool = new ImportPool();

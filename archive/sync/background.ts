// Background rounds for a host that keeps the archive open (the app's archive host, `dossier
// serve`): a round soon after something changed (debounced) and on a timer, one at a time,
// never when no target is set. Changes the round itself applies do not schedule another
// (so edits made while a round runs wait for the next edit or the timer). Explicit rounds and
// other sync work (a choice, a new setting) take the same turn, so two never overlap.

import type { Archive } from '../core/archive';
import { ArchiveError } from '../core/errors';
import { runSync } from './service';
import type { RoundReport } from './types';

export interface BackgroundOptions {
  /** Wait this long after a change before a round (default 5 s), so a burst of edits is one round. */
  debounceMs?: number;
  /** A round at least this often, to pick up the other machines' changes (default 5 min). */
  intervalMs?: number;
  /** Told after every round (for a status line). */
  onRound?: (report: RoundReport) => void;
  /** Told when a round failed, with its one-line reason. */
  onError?: (message: string) => void;
  /** Told when a round this scheduler started by itself changed the archive (hosts tell open windows). */
  onChanged?: () => void;
  /** The round to run; null when there is nothing to do (no target, sync turned off). */
  run?: (archive: Archive) => Promise<RoundReport | null>;
}

/** An error's first line, for a status line. */
export function oneLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

export class BackgroundSync {
  last: RoundReport | null = null;
  /** When the last round ended (ISO time). */
  lastAt: string | null = null;
  /** The last round that moved something, and when it ended (idle rounds do not replace it). */
  moved: { at: string; report: RoundReport } | null = null;
  error: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private turn: Promise<void> | null = null;
  private roundRunning = false;
  private stopped = true;
  private readonly watch = () => this.changed();

  constructor(
    private readonly archive: Archive,
    private readonly options: BackgroundOptions = {},
  ) {}

  /** True while a round runs ("Syncing…"). */
  get running(): boolean {
    return this.roundRunning;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.archive.store.watchers.add(this.watch);
    this.timer = setInterval(() => void this.round(), this.options.intervalMs ?? 5 * 60_000);
    this.timer.unref();
  }

  /** Stops scheduling and waits for a round under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.archive.store.watchers.delete(this.watch);
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = this.soon = null;
    await this.turn;
  }

  /** Schedules a round soon (after the debounce), as an edit would. */
  changed(): void {
    // What a round applies is recorded while it runs: that is not a reason for another round.
    if (this.stopped || this.turn || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.round();
    }, this.options.debounceMs ?? 5_000);
    this.soon.unref();
  }

  /** Runs `work` once nothing else of sync's is running, and alone. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.turn) await this.turn;
    const running = work();
    this.turn = running.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await running;
    } finally {
      this.turn = null;
    }
  }

  /** An explicit round (a person asked): its report, or its error thrown; recorded for the status line. */
  async runNow(run: () => Promise<RoundReport>): Promise<RoundReport> {
    return this.exclusive(async () => {
      this.roundRunning = true;
      try {
        const report = await run();
        this.record(report);
        return report;
      } catch (error) {
        this.error = oneLine(error);
        this.lastAt = new Date().toISOString();
        throw error;
      } finally {
        this.roundRunning = false;
      }
    });
  }

  private record(report: RoundReport): void {
    this.last = report;
    this.lastAt = new Date().toISOString();
    this.error = null;
    if (report.published.operations || report.received.operations || report.applied.changes)
      this.moved = { at: this.lastAt, report };
    this.options.onRound?.(report);
  }

  /** Runs a round now unless one is under way (then waits for that one). */
  round(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.turn) return this.turn;
    return this.exclusive(async () => {
      const before = this.archive.store.changes;
      this.roundRunning = true;
      try {
        const report = await (this.options.run ?? runSync)(this.archive);
        if (report) this.record(report);
      } catch (error) {
        // No target chosen yet is not an error worth showing; anything else is one line.
        if (error instanceof ArchiveError && error.code === 'invalid_argument') return;
        this.error = oneLine(error);
        this.lastAt = new Date().toISOString();
        this.options.onError?.(this.error);
      } finally {
        this.roundRunning = false;
        if (this.archive.store.changes !== before) this.options.onChanged?.();
      }
    });
  }
}

// Background rounds for a host that keeps the archive open (the app's archive host, `dossier
// serve`): a round soon after something changed (debounced) and on a timer, one at a time,
// never when no target is set. Changes the round itself applies do not schedule another
// (so edits made while a round runs wait for the next edit or the timer).

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
  /** The round to run (tests). */
  run?: (archive: Archive) => Promise<RoundReport>;
}

export class BackgroundSync {
  last: RoundReport | null = null;
  error: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly watch = () => this.changed();

  constructor(
    private readonly archive: Archive,
    private readonly options: BackgroundOptions = {},
  ) {}

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
    await this.running;
  }

  private changed(): void {
    // What a round applies is recorded while it runs: that is not a reason for another round.
    if (this.stopped || this.running || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.round();
    }, this.options.debounceMs ?? 5_000);
    this.soon.unref();
  }

  /** Runs a round now unless one is under way (then waits for that one). */
  round(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= (async () => {
      try {
        this.last = await (this.options.run ?? runSync)(this.archive);
        this.error = null;
        this.options.onRound?.(this.last);
      } catch (error) {
        // No target chosen yet is not an error worth showing; anything else is one line.
        if (error instanceof ArchiveError && error.code === 'invalid_argument') return;
        this.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
        this.options.onError?.(this.error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

// When backups are taken during a session: once when a writer opens the archive (unless
// one was taken a few minutes ago), every hour while it stays open, and on demand. One runs
// at a time; a failed backup is remembered for the log and never fails an edit.

import type { Archive } from './archive';
import { takeBackup, listBackups, type BackupManifest } from './backups';

export interface ScheduleOptions {
  intervalMs?: number;
  /** No backup at open when the newest is younger than this. */
  minAgeMs?: number;
}

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupManifest | null> | null = null;
  private readonly intervalMs: number;
  private readonly minAgeMs: number;
  /** The last failure, for the host's log; a failed backup never fails an edit. */
  lastError: Error | null = null;

  constructor(
    private readonly archive: Archive,
    options: ScheduleOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.minAgeMs = options.minAgeMs ?? 5 * 60_000;
  }

  start(): void {
    void this.take('open', { unlessRecent: true });
    this.timer = setInterval(() => void this.take('hourly'), this.intervalMs);
    this.timer.unref();
  }

  /** Takes a backup now (waiting for one under way); null when nothing changed since the newest. */
  take(reason: string, options: { force?: boolean; unlessRecent?: boolean } = {}): Promise<BackupManifest | null> {
    const run = (this.running ?? Promise.resolve(null)).catch(() => null).then(() => this.takeOnce(reason, options));
    this.running = run;
    void run
      .finally(() => {
        if (this.running === run) this.running = null;
      })
      .catch(() => undefined);
    return run;
  }

  private async takeOnce(
    reason: string,
    options: { force?: boolean; unlessRecent?: boolean },
  ): Promise<BackupManifest | null> {
    try {
      if (options.unlessRecent) {
        const newest = (await listBackups(this.archive.dir, { verify: false })).find((b) => b.valid);
        if (newest && Date.now() - Date.parse(newest.created) < this.minAgeMs) return null;
      }
      return await takeBackup(this.archive.store, reason, { force: options.force });
    } catch (error) {
      this.lastError = error as Error;
      if (options.force) throw error;
      return null;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}

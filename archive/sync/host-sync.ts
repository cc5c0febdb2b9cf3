// Sync in a host that keeps the archive open (the app's archive host, `dossier serve`): its
// background rounds, the secrets typed in the app this session, and every sync call taking
// its turn with them (a round, a choice, a new setting never overlap). The host tells open
// windows when a round it started by itself changed the archive (`onChanged`).

import type { Archive } from '../core/archive';
import { BackgroundSync, type BackgroundOptions } from './background';
import { Secrets } from './credentials';
import { openSession } from './session';
import { chooseSyncValue, configureSync, runSync, syncStatus, type GivenSecrets, type Settings } from './service';
import type { SyncTargetConfig } from './local-state';
import type { ConflictView, RoundReport, SyncStatus } from './types';

export interface HostSyncOptions extends Pick<BackgroundOptions, 'debounceMs' | 'intervalMs' | 'onChanged'> {
  secrets?: Secrets;
}

export class HostSync {
  readonly secrets: Secrets;
  private readonly background: BackgroundSync;

  constructor(
    private readonly archive: Archive,
    options: HostSyncOptions = {},
  ) {
    this.secrets = options.secrets ?? new Secrets();
    this.background = new BackgroundSync(archive, {
      ...options,
      // Nothing to do without a target or with sync turned off (an explicit round still runs).
      run: async () => {
        const { local } = await openSession(archive);
        return local.target && !local.paused ? runSync(archive, { secrets: this.secrets }) : null;
      },
    });
  }

  /** Starts the timer and the watch on edits; the first round comes soon after. */
  start(): void {
    this.background.start();
    this.background.changed();
  }

  stop(): Promise<void> {
    return this.background.stop();
  }

  status(): Promise<SyncStatus> {
    const b = this.background;
    return syncStatus(this.archive, {
      secrets: this.secrets,
      running: b.running,
      last: b.last && b.lastAt ? { at: b.lastAt, report: b.last } : null,
      moved: b.moved,
      error: b.error,
    });
  }

  run(options: GivenSecrets & { target?: SyncTargetConfig } = {}): Promise<RoundReport> {
    return this.background.runNow(() => runSync(this.archive, { ...options, secrets: this.secrets }));
  }

  async choose(entity: string, field: string, pick: number): Promise<{ conflicts: ConflictView[] }> {
    const out = await this.background.exclusive(() => chooseSyncValue(this.archive, entity, field, pick));
    // The choice is an edit to send: a round soon.
    this.background.changed();
    return out;
  }

  async configure(settings: Settings): Promise<SyncStatus & { notice: string | null }> {
    const { notice } = await this.background.exclusive(() => configureSync(this.archive, settings, this.secrets));
    if (settings.target === null) {
      this.background.last = this.background.lastAt = this.background.moved = this.background.error = null;
    } else if (settings.target || settings.enabled || settings.passphrase || settings.password) {
      // A new setting is tried at once; the status line shows how it went.
      void this.background.round();
    }
    return { ...(await this.status()), notice };
  }
}

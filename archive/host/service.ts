// The archive as every host serves it: one open archive, one dispatch(), and the events
// its clients subscribe to. A call that changed the archive announces `changed` (once it is
// durable) to every subscriber, whoever made it; an import announces its progress. The
// browser host, the socket host and the desktop app's host process all serve through this.

import type { Archive } from '../core/archive';
import { dispatch, isMethod, type DispatchContext } from '../api/dispatch';
import type { ArchiveEvent, CallerId } from '../api/events';
import type { ImportSummary, Outcome } from '../api/types';
import { HostSync, type HostSyncOptions } from '../sync/host-sync';

/** A positive number from an environment variable (tests shorten the sync timers), else undefined. */
function numberFrom(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : undefined;
}

export interface ServiceCall {
  /** Only the user's own tools (the CLI over the socket, the app's menu) are trusted. */
  trusted: boolean;
  signal?: AbortSignal;
  /** Who asked, so that a client can tell its own changes from others'. */
  by?: CallerId;
  /** The browser extension's listener, when this host runs one. */
  clipper?: DispatchContext['clipper'];
}

/** How long a host waits after an edit before a sync round, and how often it syncs regardless. */
export const SYNC_DEBOUNCE_MS = 5_000;
export const SYNC_INTERVAL_MS = 5 * 60_000;

export type EventListener = (event: ArchiveEvent) => void;

export class ArchiveService {
  private readonly listeners = new Set<EventListener>();
  /** The browser extension's listener this host runs, if any (the desktop app's host process). */
  clipper: DispatchContext['clipper'] | undefined;
  /** Background sync rounds; their changes are announced like a call's (by 'sync'). */
  readonly sync: HostSync;

  constructor(
    readonly archive: Archive,
    private readonly log?: DispatchContext['log'],
    sync: HostSyncOptions = {},
  ) {
    this.sync = new HostSync(archive, {
      debounceMs: numberFrom(process.env.DOSSIER_SYNC_DEBOUNCE_MS) ?? SYNC_DEBOUNCE_MS,
      intervalMs: numberFrom(process.env.DOSSIER_SYNC_INTERVAL_MS) ?? SYNC_INTERVAL_MS,
      ...sync,
      onChanged: () => this.emit({ name: 'changed', payload: { method: 'sync.run', by: 'sync' } }),
    });
  }

  async call(method: string, args: unknown, options: ServiceCall): Promise<Outcome<unknown>> {
    const by = options.by ?? null;
    const before = this.archive.store.changes;
    const outcome = await dispatch(this.archive, method, args, {
      trusted: options.trusted,
      signal: options.signal,
      clipper: options.clipper ?? this.clipper,
      sync: this.sync,
      log: this.log,
      onProgress: (done, total) => this.emit({ name: 'progress', payload: { done, total, by } }),
    });
    if (this.archive.store.changes !== before && isMethod(method)) {
      const summary = method.startsWith('import.') && outcome.ok ? (outcome.value as ImportSummary) : null;
      this.emit({
        name: 'changed',
        payload: { method, by, ...(summary ? { imported: summary.imported, skipped: summary.skipped } : {}) },
      });
    }
    return outcome;
  }

  /** Subscribes to every event; the returned function unsubscribes. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ArchiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log?.(error, `the ${event.name} event`);
      }
    }
  }
}

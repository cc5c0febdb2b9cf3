// The archive as every host serves it: one open archive, one dispatch(), and the events
// its clients subscribe to. A call that changed the archive announces `changed` (once it is
// durable) to every subscriber, whoever made it; an import announces its progress. The
// browser host, the socket host and the desktop app's host process all serve through this.

import type { Archive } from '../core/archive';
import { dispatch, isMethod, type DispatchContext } from '../api/dispatch';
import type { ArchiveEvent, CallerId } from '../api/events';
import type { ImportSummary, Outcome } from '../api/types';

export interface ServiceCall {
  /** Only the user's own tools (the CLI over the socket, the app's menu) are trusted. */
  trusted: boolean;
  signal?: AbortSignal;
  /** Who asked, so that a client can tell its own changes from others'. */
  by?: CallerId;
  /** The browser extension's listener, when this host runs one. */
  clipper?: DispatchContext['clipper'];
}

export type EventListener = (event: ArchiveEvent) => void;

export class ArchiveService {
  private readonly listeners = new Set<EventListener>();
  /** The browser extension's listener this host runs, if any (the desktop app's host process). */
  clipper: DispatchContext['clipper'] | undefined;

  constructor(
    readonly archive: Archive,
    private readonly log?: DispatchContext['log'],
  ) {}

  async call(method: string, args: unknown, options: ServiceCall): Promise<Outcome<unknown>> {
    const by = options.by ?? null;
    const before = this.archive.store.changes;
    const outcome = await dispatch(this.archive, method, args, {
      trusted: options.trusted,
      signal: options.signal,
      clipper: options.clipper ?? this.clipper,
      log: this.log,
      onProgress: (done, total) => this.emit({ name: 'progress', payload: { done, total, by } }),
    });
    if (this.archive.store.changes !== before && isMethod(method)) {
      const summary = method.startsWith('import.') && outcome.ok ? (outcome.value as ImportSummary) : null;
      this.emit({ name: 'changed', payload: { method, by, ...(summary ? { imported: summary.imported, skipped: summary.skipped } : {}) } });
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

// Runs the calls of one client of the archive host: each call with its own AbortController
// (a `cancel` aborts it), answers sent as they finish, whatever their order, and every call
// still running aborted when the client goes away. Shared by the socket and the MessagePort.

import type { ArchiveService } from './service';
import type { HostMessage } from './protocol';

export class ClientCalls {
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly service: ArchiveService,
    private readonly send: (message: HostMessage) => void,
    /** What the client may do: socket clients are the user; the desktop main says per call. */
    private readonly defaults: { trusted: boolean; by: string },
  ) {}

  start(
    id: number,
    method: string,
    args: unknown,
    trusted = this.defaults.trusted,
    by: string | null = this.defaults.by,
  ): void {
    if (this.running.has(id)) return; // a repeated id is ignored, not answered twice
    const controller = new AbortController();
    this.running.set(id, controller);
    void this.service
      .call(method, args, { trusted, signal: controller.signal, by })
      .then((outcome) => {
        if (this.running.get(id) === controller) this.send({ type: 'result', id, outcome });
      })
      .finally(() => {
        if (this.running.get(id) === controller) this.running.delete(id);
      });
  }

  cancel(id: number): void {
    const controller = this.running.get(id);
    controller?.abort();
  }

  /** The client is gone: nobody waits for these answers any more. */
  abandon(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  get size(): number {
    return this.running.size;
  }
}

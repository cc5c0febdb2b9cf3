// The browser extension listener as a setting a host can turn on and off while it runs
// (the desktop app's "Browser extension", the same switch in `dossier serve`): starts and
// stops the listener, keeps the pairing code to show, and reports its state.

import path from 'node:path';
import type { ClipperControl, ClipperStatus } from '../api/types';
import { DEFAULT_CLIPPER_PORT, startClipper, type ClipperOptions, type RunningClipper } from './listener';
import { Pairing } from './pairing';

/** Where paired tokens (their hashes) are kept, beside the archive's own files. */
export const TOKEN_FILE = 'clipper-tokens.json';

export interface ClipperServiceOptions {
  dir: string;
  call: ClipperOptions['call'];
  open?: ClipperOptions['open'];
  /** Told of every new pairing code and of the listener starting (a terminal prints them). */
  print?: (line: string) => void;
}

export class ClipperService implements ClipperControl {
  private running: RunningClipper | null = null;
  private pairing: Pairing | null = null;
  private port = DEFAULT_CLIPPER_PORT;
  private error: string | null = null;
  private change: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClipperServiceOptions) {}

  status(): ClipperStatus {
    return {
      available: true,
      enabled: this.running !== null,
      port: this.running?.port ?? this.port,
      code: this.running && this.pairing ? this.pairing.code() : null,
      error: this.error,
    };
  }

  /** Turns the listener on (on `port`, default the last one) or off; one change at a time. */
  configure(enabled: boolean, port?: number): Promise<ClipperStatus> {
    const next = this.change.then(() => this.apply(enabled, port ?? this.port));
    this.change = next.catch(() => undefined);
    return next;
  }

  async unpairAll(): Promise<ClipperStatus> {
    await (this.pairing ?? (await this.loadPairing())).forgetAll();
    return this.status();
  }

  close(): Promise<ClipperStatus> {
    return this.configure(false);
  }

  private async loadPairing(): Promise<Pairing> {
    this.pairing ??= await Pairing.load({
      file: path.join(this.options.dir, TOKEN_FILE),
      onCode: (code) => this.options.print?.(`Browser extension pairing code: ${code}`),
    });
    return this.pairing;
  }

  private async apply(enabled: boolean, port: number): Promise<ClipperStatus> {
    if (this.running && (!enabled || this.running.port !== port)) {
      await this.running.close();
      this.running = null;
    }
    this.port = port;
    this.error = null;
    if (enabled && !this.running) {
      try {
        this.running = await startClipper({
          port,
          pairing: await this.loadPairing(),
          call: this.options.call,
          open: this.options.open,
          name: path.basename(this.options.dir),
        });
        this.options.print?.(`Browser extension: listening on 127.0.0.1:${this.running.port}`);
        this.pairing?.code(); // shown (printed) as soon as there is something to pair with
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        this.error =
          code === 'EADDRINUSE'
            ? `Port ${port} is in use by another program; choose another port.`
            : `The listener could not start: ${(error as Error).message.split('\n')[0]}`;
      }
    }
    return this.status();
  }
}

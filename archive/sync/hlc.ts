// A hybrid logical clock: stamps that follow wall time but never run backwards, and that
// always sort after every stamp this device has seen, so "later" means the same thing on
// every machine. A stamp is a fixed-width string, so comparing stamps is comparing strings.

/** A device id: 16 lower-case hex digits (also what its folder in the sync target is called). */
export const DEVICE_PATTERN = /^[0-9a-f]{16}$/;
/** `<ms, 15 digits>-<counter, 4 hex>-<device>`: unique per device, totally ordered as strings. */
export const STAMP_PATTERN = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;

export function makeStamp(ms: number, counter: number, device: string): string {
  return `${String(ms).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${device}`;
}

export function stampTime(stamp: string): number {
  return Number(stamp.slice(0, 15));
}

export function stampDevice(stamp: string): string {
  return stamp.slice(21);
}

export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly wall: () => number = Date.now,
  ) {
    if (!DEVICE_PATTERN.test(device)) throw new Error(`“${device}” is not a device id.`);
  }

  /** A new stamp, after every stamp issued or observed so far. */
  tick(): string {
    const now = this.wall();
    if (now > this.ms) {
      this.ms = now;
      this.counter = 0;
    } else {
      this.counter += 1;
      // The counter is four hex digits; past that the clock borrows a millisecond.
      if (this.counter > 0xffff) {
        this.ms += 1;
        this.counter = 0;
      }
    }
    return makeStamp(this.ms, this.counter, this.device);
  }

  /** Moves the clock past a stamp seen from another device. */
  observe(stamp: string): void {
    const ms = stampTime(stamp);
    const counter = Number.parseInt(stamp.slice(16, 20), 16);
    if (ms > this.ms || (ms === this.ms && counter > this.counter)) {
      this.ms = ms;
      this.counter = counter;
    }
  }

  /** The latest stamp issued or observed (for persisting the clock). */
  get last(): string {
    return makeStamp(this.ms, this.counter, this.device);
  }
}

// One buffer that reads take turns with, for bytes that are decoded into copies of their own
// at once (a segment's head: its text into strings, its arrays into arrays of their own). On
// the machines Dossier is measured on, memory a process touches for the first time costs far
// more than memory it reuses: the 20 heads of an index of 100,000 items (3.1 MB each) took
// 270 ms to read into buffers of their own and 27 ms into one. The buffer is let go once no
// read is waiting, so an open archive keeps none of it.

export class SharedBuffer {
  private bytes: Buffer | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /**
   * Runs `use` with the first `length` bytes of the buffer (grown as needed), after every
   * earlier use has finished. What `use` returns must hold no view into those bytes: the
   * next use overwrites them.
   */
  use<T>(length: number, use: (bytes: Buffer) => Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.turn.then(async () => {
      try {
        if (!this.bytes || this.bytes.length < length) this.bytes = Buffer.allocUnsafeSlow(length);
        return await use(this.bytes.subarray(0, length));
      } finally {
        if (--this.waiting === 0) this.bytes = null;
      }
    });
    this.turn = run.catch(() => undefined);
    return run;
  }
}

// Piping is normal use: `dossier list | head` closes our stdout early. A closed pipe is
// not an error worth a stack trace; output just stops, the command finishes what it was
// doing (an edit is already durable, the archive closes and its lock goes) and exits 0.

let broken = false;

/** True once stdout's reader has gone away. */
export function stdoutClosed(): boolean {
  return broken;
}

export function guardPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        if (stream === process.stdout) broken = true;
        return;
      }
      throw error;
    });
  }
}

/** Writes to stdout unless its reader is gone. */
export function print(text: string): void {
  if (!broken) process.stdout.write(text);
}

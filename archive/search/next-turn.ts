// Giving the event loop back in the middle of long work, so that requests, timers and I/O
// that came meanwhile are served before it goes on.

/** Resolves once the event loop has gone round: two immediates, as one set from an I/O
 *  callback runs in the same iteration, before any timer or new I/O is looked at. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

// Background work in the idle turns of a long-lived host's thread: short steps for about
// TURN_MS per turn of the event loop, then the thread is given back; no step while a search is
// being answered (it would only delay it); and never a process kept alive for it (its timers
// are unref'd). The warm-up after an archive opens, and the compaction of the term spans of
// the segments it read, both run so.

/** Steps run in one turn for about this long: each is a fraction of a millisecond. */
const TURN_MS = 3;

/**
 * Runs `step` in idle turns until it returns false. `stop()` is asked before each step (the
 * engine has closed: the rest is skipped), `busy()` before each turn (a real search is under
 * way: the turn waits a millisecond). A step that throws ends the work, which then leaves
 * things only as they were: slower or larger, never wrong.
 */
export function inIdleTurns(step: () => boolean, stop: () => boolean, busy: () => boolean = () => false): void {
  const next = (): void => {
    if (busy()) {
      setTimeout(next, 1).unref();
      return;
    }
    const end = performance.now() + TURN_MS;
    do {
      if (stop()) return;
      try {
        if (!step()) return;
      } catch {
        return;
      }
    } while (performance.now() < end);
    setTimeout(next, 0).unref();
  };
  setTimeout(next, 0).unref();
}

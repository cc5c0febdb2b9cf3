// How long a query's ranking may read from disk before it gives the thread back. A query
// whose terms were read before ranks on memory in one short turn; a cold one (the first
// phrase after opening a large archive reads its words' postings and positions from a dozen
// segment files) would otherwise hold the thread for all of those reads at once. Reading
// code asks `mayRead()` before each read; past the turn's deadline it throws OutOfTurn, the
// ranking is dropped and run again in the next turn, and what was read stays read, so each
// run gets further (every turn may make one read, however late: a ranking whose work before
// its first read outlasts the turn still gets there). Outside a ranking turn (merges,
// related items, the warm-up) there is no deadline.

/** Thrown by mayRead() once the ranking turn has read for its share of the thread. */
export class OutOfTurn extends Error {
  constructor() {
    super('the ranking turn has used its time; it goes on in the next turn');
  }
}

let deadline = Infinity;
/** Reads made in this ranking turn. */
let reads = 0;

/** Runs `rank` with reads allowed until `budgetMs` from now; rethrows anything but OutOfTurn,
 *  for which it returns null (the caller runs it again in its next turn). */
export function withinTurn<T>(budgetMs: number, rank: () => T): T | null {
  deadline = performance.now() + budgetMs;
  reads = 0;
  try {
    return rank();
  } catch (error) {
    if (error instanceof OutOfTurn) return null;
    throw error;
  } finally {
    deadline = Infinity;
  }
}

/** Called before a read from disk: throws OutOfTurn when the ranking turn is over and has
 *  made a read already. */
export function mayRead(): void {
  if (reads > 0 && performance.now() > deadline) throw new OutOfTurn();
  reads++;
}

// A memo bounded by entry count that forgets in halves: cheaper on a hot path than a
// least-recently-used list (a lookup is one or two Map reads), and it keeps what is in use.

/** A memo that forgets in halves: once `limit` entries are new, the older generation goes,
 *  and what was looked up since (the common words) stays. */
export class TwoGenerations<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const kept = this.old.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  set(key: string, v: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, v);
  }

  /** Entries held: never more than twice the limit. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}

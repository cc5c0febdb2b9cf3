// A least-recently-used cache bounded by the summed weight of its entries (bytes, roughly),
// not their number: a query's working set (bodies, snippets, term positions) varies in size,
// and what must stay bounded is the memory a long session holds.

export class SizedCache<V> {
  private readonly map = new Map<string, { v: V; w: number }>();
  private used = 0;

  constructor(
    readonly maxWeight: number,
    private readonly weigh: (v: V) => number,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.v;
  }

  /** Whether `key` is held, without making it the most recent. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Keeps `v` unless it alone outweighs the whole cache; drops the least recent to fit. */
  set(key: string, v: V): void {
    this.delete(key);
    const w = this.weigh(v);
    if (w > this.maxWeight) return;
    this.map.set(key, { v, w });
    this.used += w;
    for (const [k, e] of this.map) {
      if (this.used <= this.maxWeight) break;
      this.map.delete(k);
      this.used -= e.w;
    }
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.used -= e.w;
  }

  /** The summed weight held now. */
  get weight(): number {
    return this.used;
  }
}

// Keeps the most recently shown item bodies, so that a query re-run on every keystroke over
// the same hits reads each body file once. Least recently used entries go first.

/** Recently shown bodies: typing a query re-runs it on every keystroke over the same hits. */
export class BodyCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly max: number) {}
  get(id: string): string | undefined {
    const v = this.map.get(id);
    if (v !== undefined) {
      this.map.delete(id);
      this.map.set(id, v);
    }
    return v;
  }
  set(id: string, body: string): void {
    this.map.set(id, body);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  delete(id: string): void {
    this.map.delete(id);
  }
}

// Picks the first k items of a result set in sorted order without sorting all of it: a
// bounded heap costs n·log k, which matters when thousands match and a page shows twenty.

/** The k smallest of the indexes 0..n-1 under `cmp`, sorted; the same as sorting them all
 *  and keeping the first k, without allocating anything proportional to n. */
export function selectTop(n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0 || n <= 0) return [];
  if (n <= k * 4)
    return Array.from({ length: n }, (_, i) => i)
      .sort(cmp)
      .slice(0, k);
  type T = number;
  // A max-heap of the best k so far: its root is the worst of them.
  const heap: T[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i], heap[p]) <= 0) return;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let x = 0; x < n; x++) {
    if (heap.length < k) {
      heap.push(x);
      up(heap.length - 1);
    } else if (cmp(x, heap[0]) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}

/**
 * selectTop for an order that ranks a higher key first: `cmp` must put i before j whenever
 * `keys[at[i]]` (or `keys[i]` without `at`) is the greater, and decides only ties. The k-th
 * greatest key is found with a heap of plain numbers, compared inline, and only the items
 * at or above it go to `cmp`: with thousands of matches and a page of fifty, that is a few
 * hundred calls of `cmp` instead of one per match. The answer is selectTop's.
 */
export function selectTopByKey(
  n: number,
  k: number,
  keys: Float64Array,
  at: ArrayLike<number> | null,
  cmp: (a: number, b: number) => number,
): number[] {
  if (k <= 0 || n <= 0) return [];
  if (n <= k * 4) return selectTop(n, k, cmp);
  // A min-heap of the k greatest keys so far: its root is the k-th greatest.
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const v = at ? keys[at[i]] : keys[i];
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (heap[p] <= v) break;
        heap[c] = heap[p];
        c = p;
      }
      heap[c] = v;
    } else if (v > heap[0]) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= k) break;
        const m = l + 1 < k && heap[l + 1] < heap[l] ? l + 1 : l;
        if (heap[m] >= v) break;
        heap[c] = heap[m];
        c = m;
      }
      heap[c] = v;
    }
  }
  // Every item ranked among the first k has a key at least the k-th greatest: at least k
  // items have such a key, and each ranks before any item with a smaller one.
  const bar = heap[0];
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) if ((at ? keys[at[i]] : keys[i]) >= bar) chosen.push(i);
  if (chosen.length <= k * 4) return chosen.sort(cmp).slice(0, k);
  // Many ties at the bar (a wildcard's constant scores): the heap over the tied ones.
  return selectTop(chosen.length, k, (a, b) => cmp(chosen[a], chosen[b])).map((i) => chosen[i]);
}

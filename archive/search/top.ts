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

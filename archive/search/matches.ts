// A query's matches as parallel typed arrays (item number, score), reused from query to
// query so that nothing proportional to the number of matches is allocated, and the orders
// a result page can be sorted in. Relevance ties and listings fall back to newest first.

import type { ItemTable } from './item-table';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Orders match indexes; relevance ties and listings fall back to newest first. */
export function comparator(
  sort: string,
  nos: Int32Array,
  scores: Float64Array,
  table: ItemTable,
): (a: number, b: number) => number {
  const view = (no: number) => table.view(no);
  // Dates and ids are read without making items' views: a sort compares many more items
  // than the page shows.
  const newest = (i: number, j: number) => {
    const a = table.sortDate(nos[i]);
    const b = table.sortDate(nos[j]);
    if (a !== b) return a < b ? 1 : -1;
    const x = table.idOf(nos[i]);
    const y = table.idOf(nos[j]);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  if (sort === 'newest') return newest;
  if (sort === 'oldest') return (i, j) => -newest(i, j);
  if (sort === 'added') {
    return (i, j) => {
      const a = view(nos[i]).meta.added;
      const b = view(nos[j]).meta.added;
      return a < b ? 1 : a > b ? -1 : newest(i, j);
    };
  }
  if (sort === 'title')
    return (i, j) => collator.compare(view(nos[i]).meta.title, view(nos[j]).meta.title) || newest(i, j);
  return (i, j) => scores[j] - scores[i] || newest(i, j);
}

/** A query's matches: item numbers and scores in reusable typed arrays. */
export class Matches {
  nos = new Int32Array(0);
  scores = new Float64Array(0);
  n = 0;
  reset(capacity: number): this {
    if (capacity > this.nos.length) {
      this.nos = new Int32Array(capacity);
      this.scores = new Float64Array(capacity);
    }
    this.n = 0;
    return this;
  }
  push(no: number, score: number): void {
    this.nos[this.n] = no;
    this.scores[this.n++] = score;
  }
}

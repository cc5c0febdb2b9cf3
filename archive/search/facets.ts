// Counts tags, sources, kinds and years over a whole result set (not just the page shown).
// Tags and sources are grouped without regard to case and shown as first spelt; the most
// frequent come first, ties alphabetically; years are newest first.

import { fold, itemDate } from './filters';
import type { FacetCount, SearchMeta, SearchResult } from './types';

class Counter {
  private readonly counts = new Map<string, FacetCount>();
  add(value: string, key = value): void {
    const c = this.counts.get(key);
    if (c) c.count++;
    else this.counts.set(key, { value, count: 1 });
  }
  byCount(): FacetCount[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  byValueDesc(): FacetCount[] {
    return [...this.counts.values()].sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  }
}

export function facetsOf(metas: Iterable<SearchMeta>): SearchResult['facets'] {
  const tags = new Counter();
  const sources = new Counter();
  const kinds = new Counter();
  const years = new Counter();
  for (const m of metas) {
    for (const t of m.tags) tags.add(t, fold(t));
    if (m.source) sources.add(m.source, fold(m.source));
    kinds.add(m.kind);
    const y = itemDate(m).slice(0, 4);
    if (/^\d{4}$/.test(y)) years.add(y);
  }
  return { tags: tags.byCount(), sources: sources.byCount(), kinds: kinds.byCount(), years: years.byValueDesc() };
}

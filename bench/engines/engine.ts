// What the benchmark asks of every engine, Dossier and peers alike: build and persist an
// index, open it cold, answer the query mix (top 20 ids), and make one new article searchable.

import type { BenchDoc } from '../corpus';
import type { BenchQuery, Filter } from '../queries';

export type BenchMeta = Omit<BenchDoc, 'body'>;

export interface BenchEngine {
  build(docs: BenchDoc[], dir: string, contentDir: string): Promise<void>;
  open(dir: string, contentDir: string, metas: BenchMeta[]): Promise<void>;
  query(q: BenchQuery): Promise<string[]>;
  /** Adds the article; resolves when a query can find it. `all` is the corpus, for engines that must rebuild. */
  add(doc: BenchDoc, all: () => BenchDoc[]): Promise<void>;
  close(): Promise<void>;
}

export const LIMIT = 20;

/** Peers have no filter language: they filter their ranked ids by the same metadata. */
export function passes(m: BenchMeta | undefined, f: Filter | undefined): boolean {
  if (!f) return true;
  if (!m) return false;
  if (f.tag && !m.tags.some((t) => t.toLowerCase() === f.tag)) return false;
  if (f.source && m.source.toLowerCase() !== f.source) return false;
  if (f.year && !m.published.startsWith(f.year)) return false;
  if (f.after && m.published < f.after) return false;
  return true;
}

/** Filters ranked ids; a query of filters only lists the matching items newest first. */
export function applyFilter(ranked: string[] | null, q: BenchQuery, metas: Map<string, BenchMeta>): string[] {
  if (ranked === null) {
    const all = [...metas.values()].filter((m) => passes(m, q.filter));
    all.sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0));
    return all.slice(0, LIMIT).map((m) => m.id);
  }
  const out: string[] = [];
  for (const id of ranked) {
    if (passes(metas.get(id), q.filter)) out.push(id);
    if (out.length >= LIMIT) break;
  }
  return out;
}

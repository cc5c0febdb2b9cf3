// What the benchmark asks of every engine, Dossier and peers alike: build and persist an
// index, open it cold (reading its own metadata inside the clock), answer the query mix with
// the app's page of 50 hits, count every match of a query, and make one new article searchable.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchDoc } from '../corpus';
import type { BenchQuery, Filter } from '../queries';

export type BenchMeta = Omit<BenchDoc, 'body'>;

export interface BenchEngine {
  /** True when build() takes the corpus in memory (read before the clock starts). */
  readonly needsDocs: boolean;
  /** Untimed, in its own process, once per corpus: what must exist before a build (Dossier: the archive folder). */
  prepare?(workdir: string, docs: BenchDoc[]): Promise<void>;
  build(docs: BenchDoc[], dir: string, workdir: string): Promise<void>;
  /** Opens the persisted index and reads whatever metadata the engine needs to answer. */
  open(dir: string, workdir: string): Promise<void>;
  /** Resolves once what open() left under way is done (Dossier: a writer reads the archive's
   *  metadata in the background, between searches). The cold figures do not wait for it; the
   *  query mix and the memory after load are measured after it. */
  settle?(): Promise<void>;
  /** The first page: LIMIT hits, ids in rank order (Dossier: with snippets, as the app gets them). */
  query(q: BenchQuery): Promise<string[]>;
  /** Every match of the query (not timed); Dossier reports it with each answer. */
  count(q: BenchQuery): Promise<number>;
  /** Adds the article and resolves to the id a query finds it by. `all` is the corpus, for engines that must rebuild. */
  add(doc: BenchDoc, all: () => BenchDoc[]): Promise<string>;
  /** Takes the new articles out again where they would change the next run (Dossier's archive). */
  undoAdds?(): Promise<void>;
  close(): Promise<void>;
}

/** The app's page size (renderer/src/hooks/useSearch.ts PAGE_SIZE). */
export const LIMIT = 50;

/** The peers' metadata, read inside the cold-start clock as Dossier reads dossier.json. */
export function readMetas(workdir: string): Map<string, BenchMeta> {
  const list = JSON.parse(readFileSync(path.join(workdir, 'metas.json'), 'utf8')) as BenchMeta[];
  return new Map(list.map((m) => [m.id, m]));
}

/** The same filter semantics as Dossier's: `year:` the publication year, `after:Y` from 1 Jan Y. */
export function passes(m: BenchMeta | undefined, f: Filter | undefined): boolean {
  if (!f) return true;
  if (!m) return false;
  if (f.tag && !m.tags.some((t) => t.toLowerCase() === f.tag)) return false;
  if (f.source && m.source.toLowerCase() !== f.source) return false;
  if (f.year && !m.published.startsWith(f.year)) return false;
  if (f.after && m.published < f.after) return false;
  return true;
}

/** Filters ranked ids, stopping at `limit`; a query of filters only lists the matching items newest first. */
export function applyFilter(
  ranked: Iterable<string> | null,
  q: BenchQuery,
  metas: Map<string, BenchMeta>,
  limit = LIMIT,
): string[] {
  if (ranked === null) {
    const all = [...metas.values()].filter((m) => passes(m, q.filter));
    all.sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0));
    return all.slice(0, limit).map((m) => m.id);
  }
  const out: string[] = [];
  for (const id of ranked) {
    if (passes(metas.get(id), q.filter)) out.push(id);
    if (out.length >= limit) break;
  }
  return out;
}

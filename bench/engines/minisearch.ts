// MiniSearch with its own query trees: AND for +must, AND_NOT for -not, per-term prefix,
// fuzzy and field options; phrases become an AND of their words. Saved with toJSON.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import MiniSearch, { type Query } from 'minisearch';
import type { BenchQuery } from '../queries';
import { applyFilter, type BenchEngine, type BenchMeta } from './engine';

const OPTIONS = { fields: ['title', 'body', 'tags'], searchOptions: { boost: { title: 3 } } };

function toQuery(q: BenchQuery): Query | null {
  const one = (w: BenchQuery['words'][number]): Query => ({
    queries: [w.w],
    prefix: !!w.prefix,
    fuzzy: w.fuzzy ?? false,
    ...(w.field ? { fields: [w.field] } : {}),
  });
  const must = q.words.filter((w) => w.op === 'must').map(one);
  for (const p of q.phrase ?? []) must.push({ queries: [p] });
  const optional = q.words.filter((w) => !w.op).map(one);
  const not = q.words.filter((w) => w.op === 'not').map(one);
  const positive: Query | null = must.length ? { combineWith: 'AND', queries: must } : optional.length ? { combineWith: 'OR', queries: optional } : null;
  if (!positive) return null;
  return not.length ? { combineWith: 'AND_NOT', queries: [positive, ...not] } : positive;
}

export function miniSearch(): BenchEngine {
  let ms: MiniSearch | null = null;
  let metas = new Map<string, BenchMeta>();
  return {
    async build(docs, dir) {
      ms = new MiniSearch(OPTIONS);
      ms.addAll(docs.map((d) => ({ id: d.id, title: d.title, body: d.body, tags: d.tags.join(' ') })));
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(ms));
    },
    async open(dir, _c, list) {
      metas = new Map(list.map((m) => [m.id, m]));
      ms = MiniSearch.loadJSON(await fs.readFile(path.join(dir, 'index.json'), 'utf8'), OPTIONS);
    },
    async query(q) {
      const query = toQuery(q);
      if (!query) return applyFilter(null, q, metas);
      return applyFilter(ms!.search(query).map((r) => String(r.id)), q, metas);
    },
    async add(doc) {
      metas.set(doc.id, doc);
      ms!.add({ id: doc.id, title: doc.title, body: doc.body, tags: doc.tags.join(' ') });
    },
    async close() {},
  };
}

// MiniSearch at its idiomatic best: lunr's Porter stemmer (the one Dossier's English
// analysis uses) applied by processTerm at indexing and search time, its own query trees
// (AND for +must, AND_NOT for -not, per-term prefix, fuzzy and field options; phrases are an
// AND of their words), the title boosted 3. Saved with toJSON, loaded with loadJSON.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import MiniSearch, { type Query } from 'minisearch';
import type { BenchQuery } from '../queries';
import { applyFilter, readMetas, type BenchEngine, type BenchMeta } from './engine';

const stem = (term: string): string => lunr.stemmer(new lunr.Token(term, {})).toString();

const OPTIONS = {
  fields: ['title', 'body', 'tags'],
  processTerm: (term: string) => stem(term.toLowerCase()),
  searchOptions: { boost: { title: 3 } },
};

function toQuery(q: BenchQuery): Query | null {
  const one = (w: BenchQuery['words'][number]): Query => ({
    queries: [w.w],
    prefix: !!w.prefix,
    fuzzy: w.fuzzy ?? false,
    // A prefix is matched as typed against the index's stems (stemming "tech" would not help).
    ...(w.prefix ? { processTerm: (t: string) => t.toLowerCase() } : {}),
    ...(w.field ? { fields: [w.field] } : {}),
  });
  const must = q.words.filter((w) => w.op === 'must').map(one);
  for (const p of q.phrase ?? []) must.push({ queries: [p] });
  const optional = q.words.filter((w) => !w.op).map(one);
  const not = q.words.filter((w) => w.op === 'not').map(one);
  const positive: Query | null = must.length
    ? { combineWith: 'AND', queries: must }
    : optional.length
      ? { combineWith: 'OR', queries: optional }
      : null;
  if (!positive) return null;
  return not.length ? { combineWith: 'AND_NOT', queries: [positive, ...not] } : positive;
}

export function miniSearch(): BenchEngine {
  let ms: MiniSearch | null = null;
  let metas = new Map<string, BenchMeta>();
  const ranked = (q: BenchQuery) => {
    const query = toQuery(q);
    return query ? ms!.search(query).map((r) => String(r.id)) : null;
  };
  return {
    needsDocs: true,
    async build(docs, dir) {
      ms = new MiniSearch(OPTIONS);
      ms.addAll(docs.map((d) => ({ id: d.id, title: d.title, body: d.body, tags: d.tags.join(' ') })));
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(ms));
    },
    async open(dir, workdir) {
      metas = readMetas(workdir);
      ms = MiniSearch.loadJSON(await fs.readFile(path.join(dir, 'index.json'), 'utf8'), OPTIONS);
    },
    async query(q) {
      return applyFilter(ranked(q), q, metas);
    },
    async count(q) {
      return applyFilter(ranked(q), q, metas, Infinity).length;
    },
    async add(doc) {
      metas.set(doc.id, doc);
      ms!.add({ id: doc.id, title: doc.title, body: doc.body, tags: doc.tags.join(' ') });
      return doc.id;
    },
    async close() {},
  };
}

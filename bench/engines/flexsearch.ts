// FlexSearch's Document index with its defaults (exact-word "strict" tokenizer, no stemmer),
// combined with its own Resolver: a word anywhere is an OR over the field indexes, +must
// and phrase words are AND, -not is NOT, optional words OR; resolved to the first 50.
// It has no query language or ranges: prefixes and fuzzy terms are searched as typed,
// phrases are an AND of their words, and filters are checked on the ranked ids.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import FlexSearch from 'flexsearch';
import type { BenchQuery } from '../queries';
import { applyFilter, LIMIT, readMetas, type BenchEngine, type BenchMeta } from './engine';

type Doc = { id: string; title: string; body: string; tags: string };
const CONFIG = { document: { id: 'id', index: ['title', 'body', 'tags'] } };
const FIELDS = ['title', 'body', 'tags'];
/** Enough for every match: the resolver's results are cut only here. */
const ALL = 1_000_000;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Resolver = any;

export function flexSearch(): BenchEngine {
  let index: any = null;
  let metas = new Map<string, BenchMeta>();
  const make = () => new (FlexSearch as unknown as { Document: new (c: object) => unknown }).Document(CONFIG);
  /** The word in any field (or the named one), unresolved; title first, the nearest FlexSearch has to a field boost. */
  const word = (w: string, field?: string): Resolver => {
    const fields = field ? [field] : FIELDS;
    let r: Resolver = index.index.get(fields[0]).search(w, { resolve: false });
    for (const f of fields.slice(1)) r = r.or(index.index.get(f).search(w, { resolve: false }));
    return r;
  };
  const resolver = (q: BenchQuery): Resolver | null => {
    const must = [...q.words.filter((w) => w.op === 'must'), ...(q.phrase ?? []).map((w) => ({ w, field: undefined }))];
    const optional = q.words.filter((w) => !w.op);
    const not = q.words.filter((w) => w.op === 'not');
    let r: Resolver | null = null;
    if (must.length) {
      r = word(must[0].w, must[0].field);
      for (const w of must.slice(1)) r = r.and(word(w.w, w.field));
    } else if (optional.length) {
      r = word(optional[0].w, optional[0].field);
      for (const w of optional.slice(1)) r = r.or(word(w.w, w.field));
    }
    if (r) for (const w of not) r = r.not(word(w.w, w.field));
    return r;
  };
  const ranked = (q: BenchQuery, limit: number): string[] | null => {
    const r = resolver(q);
    if (!r) return null;
    // Without a filter the resolver cuts to the page itself; with one, the filter needs them all.
    return r.resolve({ limit: q.filter ? ALL : limit }) as string[];
  };
  return {
    needsDocs: true,
    async build(docs, dir) {
      index = make();
      for (const d of docs) index.add({ id: d.id, title: d.title, body: d.body, tags: d.tags.join(' ') } satisfies Doc);
      await fs.mkdir(dir, { recursive: true });
      const parts: Record<string, string> = {};
      await index.export((key: string, data: string) => {
        parts[key] = data;
      });
      await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(parts));
    },
    async open(dir, workdir) {
      metas = readMetas(workdir);
      index = make();
      const parts = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as Record<string, string>;
      for (const [k, v] of Object.entries(parts)) await index.import(k, v);
    },
    async query(q) {
      return applyFilter(ranked(q, LIMIT), q, metas);
    },
    async count(q) {
      return applyFilter(ranked(q, ALL), q, metas, Infinity).length;
    },
    async add(doc) {
      metas.set(doc.id, doc);
      index.add({ id: doc.id, title: doc.title, body: doc.body, tags: doc.tags.join(' ') } satisfies Doc);
      return doc.id;
    },
    async close() {},
  };
}

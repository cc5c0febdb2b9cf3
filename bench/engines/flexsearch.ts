// FlexSearch's Document index with its defaults (exact-word "strict" tokenizer). It has no
// query language: words are searched one by one and combined here (union, intersection for
// +must and phrases, difference for -not); prefix and fuzzy terms are searched as typed.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import FlexSearch from 'flexsearch';
import { applyFilter, type BenchEngine, type BenchMeta } from './engine';

type Doc = { id: string; title: string; body: string; tags: string };
const CONFIG = { document: { id: 'id', index: ['title', 'body', 'tags'] } };

export function flexSearch(): BenchEngine {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let index: any = null;
  let metas = new Map<string, BenchMeta>();
  const make = () => new (FlexSearch as unknown as { Document: new (c: object) => unknown }).Document(CONFIG);
  const find = (word: string, field?: string): string[] => {
    const res = index.search(word, { limit: 1000, ...(field ? { index: [field] } : {}) }) as Array<{ field: string; result: string[] }>;
    const seen = new Set<string>();
    const out: string[] = [];
    // Title results first: the closest FlexSearch has to a field boost.
    for (const f of ['title', 'body', 'tags']) for (const r of res) if (r.field === f) for (const id of r.result) if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
    return out;
  };
  return {
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
    async open(dir, _c, list) {
      metas = new Map(list.map((m) => [m.id, m]));
      index = make();
      const parts = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as Record<string, string>;
      for (const [k, v] of Object.entries(parts)) await index.import(k, v);
    },
    async query(q) {
      const must = [...q.words.filter((w) => w.op === 'must'), ...(q.phrase ?? []).map((w) => ({ w, field: undefined }))];
      const optional = q.words.filter((w) => !w.op);
      const not = q.words.filter((w) => w.op === 'not');
      if (!must.length && !optional.length) return applyFilter(null, q, metas);
      let ranked: string[];
      if (must.length) {
        const sets = must.map((w) => find(w.w, w.field));
        ranked = sets[0].filter((id) => sets.every((s) => s.includes(id)));
      } else {
        const seen = new Set<string>();
        ranked = [];
        for (const w of optional) for (const id of find(w.w, w.field)) if (!seen.has(id)) {
          seen.add(id);
          ranked.push(id);
        }
      }
      if (not.length) {
        const ban = new Set(not.flatMap((w) => find(w.w, w.field)));
        ranked = ranked.filter((id) => !ban.has(id));
      }
      return applyFilter(ranked, q, metas);
    },
    async add(doc) {
      metas.set(doc.id, doc);
      index.add({ id: doc.id, title: doc.title, body: doc.body, tags: doc.tags.join(' ') } satisfies Doc);
    },
    async close() {},
  };
}

// Lunr used the obvious way: one index over everything, saved as JSON, loaded with
// lunr.Index.load, rebuilt from scratch when an article is added. Phrases become +word +word.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import type { BenchDoc } from '../corpus';
import type { BenchQuery } from '../queries';
import { applyFilter, readMetas, type BenchEngine, type BenchMeta } from './engine';

function buildIndex(docs: BenchDoc[]): lunr.Index {
  return lunr(function () {
    this.ref('id');
    this.field('title', { boost: 3 });
    this.field('body');
    this.field('tags');
    for (const d of docs) this.add({ id: d.id, title: d.title, body: d.body, tags: d.tags.join(' ') });
  });
}

export function lunrQuery(q: BenchQuery): string {
  const parts = q.words.map(
    (w) =>
      `${w.op === 'must' ? '+' : w.op === 'not' ? '-' : ''}${w.field ? w.field + ':' : ''}${w.w}${w.prefix ? '*' : ''}${w.fuzzy ? '~' + w.fuzzy : ''}`,
  );
  for (const p of q.phrase ?? []) parts.push(`+${p}`);
  return parts.join(' ');
}

export function naiveLunr(): BenchEngine {
  let index: lunr.Index | null = null;
  let metas = new Map<string, BenchMeta>();
  const extra: BenchDoc[] = [];
  const ranked = (q: BenchQuery): string[] | null => {
    const text = lunrQuery(q);
    if (!text) return null;
    try {
      return index!.search(text).map((r) => r.ref);
    } catch {
      return [];
    }
  };
  return {
    needsDocs: true,
    async build(docs, dir) {
      index = buildIndex(docs);
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'index.json'), JSON.stringify(index));
    },
    async open(dir, workdir) {
      metas = readMetas(workdir);
      index = lunr.Index.load(JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')));
    },
    async query(q) {
      return applyFilter(ranked(q), q, metas);
    },
    async count(q) {
      return applyFilter(ranked(q), q, metas, Infinity).length;
    },
    async add(doc, all) {
      extra.push(doc);
      metas.set(doc.id, doc);
      index = buildIndex([...all(), ...extra]);
      return doc.id;
    },
    async close() {},
  };
}

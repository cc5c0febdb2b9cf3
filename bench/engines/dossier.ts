// Dossier's engine as the archive core drives it: openSearchIndex over metadata, bodies in
// content/, upsert for a new article, query() with snippets and facets as the UI gets them.

import { openSearchIndex } from '../../archive/search/index';
import type { SearchIndex, SearchMeta } from '../../archive/search/types';
import type { BenchDoc } from '../corpus';
import type { BenchQuery } from '../queries';
import type { BenchEngine, BenchMeta } from './engine';
import { LIMIT } from './engine';

export function toMeta(d: BenchMeta): SearchMeta {
  return {
    id: d.id,
    kind: 'article',
    title: d.title,
    tags: d.tags,
    source: d.source,
    byline: null,
    notes: d.notes,
    published: d.published,
    added: `${d.published}T12:00:00.000Z`,
    language: 'en',
    hasNotes: d.notes.length > 0,
    hasHighlights: false,
    unread: d.unread,
    stamp: '1',
  };
}

export function dossier(): BenchEngine {
  let index: SearchIndex | null = null;
  return {
    async build(docs, dir, contentDir) {
      index = await openSearchIndex({ dir, contentDir, metas: docs.map(toMeta) });
      await index.flush();
    },
    async open(dir, contentDir, metas) {
      index = await openSearchIndex({ dir, contentDir, metas: metas.map(toMeta) });
    },
    async query(q: BenchQuery) {
      const r = await index!.query({ q: q.text, limit: LIMIT });
      return r.hits.map((h) => h.id);
    },
    async add(doc: BenchDoc) {
      index!.upsert({ ...toMeta(doc), body: doc.body });
    },
    async close() {
      await index?.close();
    },
  };
}

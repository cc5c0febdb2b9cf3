// Opens a Dossier search index over a list of texts in a temp folder, the way the archive core
// does (metadata in memory, bodies in content/), for the evaluation sections.

import { rng } from '../corpus';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSearchIndex } from '../../archive/search/index';
import type { SearchIndex, SearchMeta } from '../../archive/search/types';

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');

export interface EvalDoc {
  id: string;
  title: string;
  body: string;
  language?: string;
  tags?: string[];
  published?: string | null;
  byline?: string | null;
  source?: string | null;
  notes?: string;
}

export interface Opened {
  index: SearchIndex;
  root: string;
  add(docs: EvalDoc[]): Promise<void>;
  close(): Promise<void>;
}

export function metaOf(d: EvalDoc): SearchMeta {
  return {
    id: d.id,
    kind: 'article',
    title: d.title,
    tags: d.tags ?? [],
    source: d.source ?? null,
    byline: d.byline ?? null,
    notes: d.notes ?? '',
    published: d.published ?? null,
    added: '2020-01-01T00:00:00.000Z',
    language: d.language ?? 'en',
    hasNotes: Boolean(d.notes),
    hasHighlights: false,
    unread: false,
    stamp: '1',
  };
}

export async function openDocs(docs: EvalDoc[]): Promise<Opened> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-eval-'));
  const contentDir = path.join(root, 'content');
  await mkdir(contentDir);
  for (const d of docs) await writeFile(path.join(contentDir, `${d.id}.txt`), d.body);
  const index = await openSearchIndex({ dir: path.join(root, 'index'), contentDir, metas: docs.map(metaOf) });
  await index.flush();
  return {
    index,
    root,
    async add(more) {
      for (const d of more) {
        await writeFile(path.join(contentDir, `${d.id}.txt`), d.body);
        index.upsert({ ...metaOf(d), body: d.body });
      }
      await index.flush();
    },
    async close() {
      await index.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface BbcArticle {
  id: string;
  title: string;
  body: string;
  section: string;
}

export function bbc(): BbcArticle[] | null {
  const p = path.join(SHARED, 'corpora/news/bbc.jsonl');
  if (!existsSync(p)) return null;
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const a = JSON.parse(l) as { id: string; title: string; body: string; category?: string };
      return { id: a.id, title: a.title, body: a.body, section: a.category ?? a.id.split('-')[1] };
    });
}

/** A seeded generator (mulberry32, the corpus builder's own), so every run samples the same words and passages. */
export { rng };

export function sample<T>(xs: T[], n: number, rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** Plain lower-case words, for the tests' own bookkeeping (not Dossier's analysis). */
export function plainWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Builds small archives for the engine's tests: items' metadata plus body files in a temp
// folder, the way the archive core lays them out. Real files, no mocks.

import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedPath } from '../test-shared';
import { analyse, type AnalysedDoc } from './build';
import type { SearchMeta } from './types';

export type Fixture = SearchMeta & { body: string };

export function item(p: Partial<Fixture> & { id: string; title: string; body: string }): Fixture {
  return {
    kind: 'article',
    tags: [],
    source: null,
    byline: null,
    notes: '',
    published: null,
    added: '2024-01-01T00:00:00.000Z',
    language: 'en',
    hasNotes: false,
    hasHighlights: false,
    unread: false,
    stamp: '1',
    ...p,
  };
}

/** An item (as `item` makes it) analysed as a build analyses it, for tests that build segments directly. */
export function analysedItem(p: Partial<Fixture> & { id: string; title: string; body: string }): AnalysedDoc {
  return analyse({ ...item(p), url: null, excerpt: '' });
}

export interface TempArchive {
  root: string;
  dir: string;
  contentDir: string;
  write(items: Fixture[]): Promise<void>;
  cleanup(): Promise<void>;
}

export async function tempArchive(items: Fixture[] = []): Promise<TempArchive> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-search-'));
  const contentDir = path.join(root, 'content');
  await mkdir(contentDir);
  const t: TempArchive = {
    root,
    dir: path.join(root, 'index'),
    contentDir,
    async write(list) {
      for (const i of list) await writeFile(path.join(contentDir, `${i.id}.txt`), i.body);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  await t.write(items);
  return t;
}

export function metasOf(items: Fixture[]): SearchMeta[] {
  return items.map(({ body: _b, ...m }) => m);
}

/** ../shared/corpora/news/bbc.jsonl from the repository root, or null when absent. */
export function bbcPath(): string | null {
  const p = sharedPath('corpora/news/bbc.jsonl');
  return existsSync(p) ? p : null;
}

/** The first `n` BBC articles as fixtures, with dates and tags spread deterministically. */
export function bbcItems(n: number): Fixture[] {
  const p = bbcPath();
  if (!p) return [];
  const lines = readFileSync(p, 'utf8').split('\n').filter(Boolean).slice(0, n);
  return lines.map((line, i) => {
    const a = JSON.parse(line) as { id: string; title: string; body: string };
    const section = a.id.split('-')[1] ?? 'news';
    return item({
      id: a.id,
      title: a.title,
      body: a.body,
      tags: [section],
      source: 'BBC News',
      published: `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    });
  });
}

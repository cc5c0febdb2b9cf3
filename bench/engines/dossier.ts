// Dossier as the app runs it: the corpus as an archive folder (dossier.json and content/),
// opened as every host opens it (the index from its catalog, searches answered while
// dossier.json is read in the background; its metadata in full before the query mix),
// searched with the renderer's own request through dispatch() — 50 hits with snippets and
// facets, relevance order — and a new article imported through `import.paths`.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../../archive/core/archive';
import { dispatch } from '../../archive/api/dispatch';
import { openArchive } from '../../archive/api/open-archive';
import { keepHeapTight } from '../../archive/core/heap-growth';
import { writeCorpusArchive } from '../corpus-archive';
import type { BenchQuery } from '../queries';
import type { BenchEngine } from './engine';
import { LIMIT } from './engine';

/** The archive folder built from a corpus folder; its index lives in `index/` inside it. */
export const archiveDir = (workdir: string) => path.join(workdir, 'archive');

export function dossier(): BenchEngine {
  // Every phase runs as in the app's archive host, which openArchive tunes so (the bulk build too).
  keepHeapTight();
  let archive: Archive | null = null;
  const added: string[] = [];
  const totals = new Map<string, number>();
  const ask = async (q: BenchQuery) => {
    // What renderer/src/hooks/useSearch.ts sends for the first page.
    const outcome = await dispatch(archive!, 'search.query', {
      q: q.text,
      sort: 'relevance',
      tags: undefined,
      offset: 0,
      limit: LIMIT,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    totals.set(q.text, outcome.value.total);
    return outcome.value;
  };
  return {
    needsDocs: false,
    async prepare(workdir, docs) {
      const dir = archiveDir(workdir);
      rmSync(dir, { recursive: true, force: true });
      writeCorpusArchive(dir, docs);
      // The opening backup is taken here, once, so that timed opens find nothing changed.
      const a = await Archive.open(dir);
      await a.backups?.take('bench', { force: true });
      await a.close();
      rmSync(path.join(dir, 'index'), { recursive: true, force: true });
    },
    async build(_docs, _dir, workdir) {
      rmSync(path.join(archiveDir(workdir), 'index'), { recursive: true, force: true });
      archive = await Archive.open(archiveDir(workdir));
      await archive.flush();
    },
    async open(_dir, workdir) {
      // As every host opens it (api/open-archive.ts): searches first, the rest in the background.
      archive = await openArchive(archiveDir(workdir), { create: false });
    },
    async settle() {
      await archive!.loaded();
    },
    async query(q) {
      return (await ask(q)).hits.map((h) => h.id);
    },
    async count(q) {
      return totals.get(q.text) ?? (await ask(q)).total;
    },
    async add(doc) {
      const dir = path.join(archive!.dir, '..', 'new-articles');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${doc.id}.txt`);
      writeFileSync(file, `${doc.title}\n\n${doc.body}\n`);
      const outcome = await dispatch(archive!, 'import.paths', { paths: [file] }, { trusted: true });
      if (!outcome.ok) throw new Error(outcome.error.message);
      if (!outcome.value.imported.length) throw new Error(`not imported: ${outcome.value.skipped[0]?.reason}`);
      added.push(...outcome.value.imported);
      return outcome.value.imported[0];
    },
    async undoAdds() {
      for (const id of added.splice(0)) await dispatch(archive!, 'items.delete', { id });
      // Untimed: the next open then finds its edits folded into dossier.json and its state
      // backed up, as prepare() left it; else each run's journal grows the next one's open.
      await archive!.store.fold();
      await archive!.backups?.take('bench', { force: true });
    },
    async close() {
      await archive?.close();
      archive = null;
    },
  };
}

export const dossierPrepared = (workdir: string) => existsSync(path.join(archiveDir(workdir), 'dossier.json'));

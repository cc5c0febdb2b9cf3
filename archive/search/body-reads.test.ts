// A search's snippets and a related-items ranking never wait on a body file on the engine's
// thread: the bodies they need are read ahead, off it, and a body whose item changed while
// it was being read is not kept. Real engine, real files; body-file is wrapped only to count
// which of its reads were made.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from './engine';
import { item, metasOf, tempArchive, type Fixture, type TempArchive } from './test-fixtures';

const reads = vi.hoisted(() => ({
  sync: [] as string[],
  ahead: [] as string[],
  /** Runs once a read ahead has read its file, before the engine has the body: as a change
   *  arriving while the read was under way would. */
  onReadAhead: null as null | ((id: string) => void),
}));

vi.mock('./body-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('./body-file')>();
  return {
    ...real,
    readBodySync: (dir: string, id: string) => {
      reads.sync.push(id);
      return real.readBodySync(dir, id);
    },
    readBody: (dir: string, id: string) => {
      reads.ahead.push(id);
      return real.readBody(dir, id).then((body) => {
        reads.onReadAhead?.(id);
        return body;
      });
    },
  };
});

const ITEMS: Fixture[] = [
  item({
    id: 'a1',
    title: 'Harbour report',
    body: 'The harbour pilots reported calm water near the lighthouse at dawn.',
  }),
  item({
    id: 'a2',
    title: 'Ferry timetable',
    body: 'A ferry leaves the harbour every hour; pilots board it outside the breakwater.',
  }),
  item({ id: 'a3', title: 'Mountain pass', body: 'Snow closed the mountain pass for a week.' }),
];

let arch: TempArchive | null = null;
let engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines) await e.close();
  engines = [];
  await arch?.cleanup();
  arch = null;
  reads.onReadAhead = null;
});

/** An engine opened on items already stored in segments (nothing in memory but the index),
 *  with the read counts reset. */
async function storedEngine(): Promise<Engine> {
  arch = await tempArchive(ITEMS);
  const first = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS) });
  await first.open();
  await first.flush();
  await first.close();
  const engine = new Engine({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(ITEMS) });
  await engine.open();
  engines.push(engine);
  await engine.flush();
  reads.sync.length = 0;
  reads.ahead.length = 0;
  return engine;
}

describe('body reads', () => {
  it("reads a search's page of bodies ahead, off the thread, and then from memory", async () => {
    const engine = await storedEngine();
    const r = await engine.query({ q: 'harbour pilots', limit: 50 });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['a1', 'a2']);
    expect(r.hits.find((h) => h.id === 'a1')?.snippet).toContain('lighthouse');
    expect(reads.sync).toEqual([]);
    expect([...reads.ahead].sort()).toEqual(['a1', 'a2']);
    // The same search again: its snippets are made already, no body is read at all.
    reads.ahead.length = 0;
    await engine.query({ q: 'harbour pilots', limit: 50 });
    // Another search over the same items: their bodies are in memory now.
    await engine.query({ q: 'breakwater', limit: 50 });
    expect(reads.ahead).toEqual([]);
    expect(reads.sync).toEqual([]);
  });

  it("reads the item's own body ahead for related items", async () => {
    const engine = await storedEngine();
    const related = await engine.related('a1', { exclude: [], limit: 5 });
    expect(related.map((h) => h.id)).toContain('a2');
    expect(reads.ahead).toEqual(['a1']);
    expect(reads.sync).toEqual([]);
  });

  it('keeps no body read while its item changed: the next snippet shows the new text', async () => {
    const engine = await storedEngine();
    const changed = { ...metasOf(ITEMS)[0], stamp: '2' };
    reads.onReadAhead = (id) => {
      if (id !== 'a1') return;
      reads.onReadAhead = null;
      // The item is rewritten just after its old body was read.
      writeFileSync(path.join(arch!.contentDir, 'a1.txt'), 'The harbour pilots now meet at the new marina.');
      engine.upsert(changed);
    };
    await engine.query({ q: 'harbour', limit: 50 });
    await engine.flush();
    const r = await engine.query({ q: 'harbour', limit: 50 });
    const a1 = r.hits.find((h) => h.id === 'a1');
    expect(a1?.snippet).toContain('marina');
    expect(a1?.snippet).not.toContain('lighthouse');
  });
});

// End to end with a real file-sync engine: two Syncthing daemons (Debian's package) on
// 127.0.0.1 keep one folder in step between two archives, each syncing into its own copy.
// Edits on both sides, including a conflict, arrive and converge, and Syncthing itself
// never sees two writers on one file (no .sync-conflict copies appear).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempArchive, tempDir, draft } from '../../core/test-archive';
import { addItem, updateItem } from '../../core/items';
import { tagItem } from '../../core/tagging';
import { createNote } from '../../core/notes';
import type { Archive } from '../../core/archive';
import { syncRound, type RoundReport } from '../round';
import { FolderTarget } from '../target';
import { findProgram, waitFor } from './find-program';
import { startPair } from './syncthing';

const bin = findProgram('syncthing', 'apt-get install -y syncthing');
const TEXT_A = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';
const TEXT_B = 'Trade between the two countries grew, with cars and smartphones popular with consumers.';

describe.skipIf(!bin)('two archives kept in step by two Syncthing daemons', () => {
  let root: string;
  let pair: Awaited<ReturnType<typeof startPair>>;
  let a: Archive;
  let b: Archive;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    root = await tempDir('dossier-syncthing-');
    pair = await startPair(bin as string, root);
    const ta = await tempArchive({ seeded: false });
    const tb = await tempArchive({ seeded: false });
    a = ta.archive;
    b = tb.archive;
    cleanups.push(ta.cleanup, tb.cleanup);
  });
  afterAll(async () => {
    await pair?.stop();
    for (const c of cleanups) await c();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const roundA = () => syncRound(a, new FolderTarget(pair.daemons[0].folder));
  const roundB = () => syncRound(b, new FolderTarget(pair.daemons[1].folder));
  /** Rounds on one side until it has received `segments` more segments (the engine carries them meanwhile). */
  const receive = async (round: () => Promise<RoundReport>, segments: number) => {
    let got = 0;
    await waitFor(`${segments} segment(s) to arrive through Syncthing`, 90_000, async () => {
      await pair.rescan();
      const report = await round();
      got += report.received.segments;
      return got >= segments && report.waiting.length === 0 ? true : undefined;
    });
  };

  it('carries edits both ways and converges after a conflicting edit', async () => {
    const x = await addItem(a, draft('Written on A', TEXT_A, { html: '<p>Written on A</p>' }));
    await tagItem(a, x, ['politics']);
    await roundA();
    await receive(roundB, 1);
    expect(b.item(x).tags).toEqual(['politics']);
    expect(await b.store.readContent(x, 'html')).toBe('<p>Written on A</p>');

    const y = await addItem(b, draft('Written on B', TEXT_B));
    createNote(b, x, 'Noted on B');
    await roundB();
    await receive(roundA, 1);
    expect(a.item(y).title).toBe('Written on B');
    expect(a.notesOf(x).map((n) => n.text)).toEqual(['Noted on B']);

    // Both change the same title before hearing from the other.
    updateItem(a, x, { title: 'Title set on A' });
    updateItem(b, x, { title: 'Title set on B' });
    await roundA();
    await roundB();
    await receive(roundA, 1);
    await receive(roundB, 1);
    expect(a.item(x).title).toBe(b.item(x).title);
    const last = await roundA();
    expect(last.conflicts).toBe(1);
    const canonical = (archive: Archive) =>
      JSON.stringify([...archive.data.items].sort((p, q) => (p.id < q.id ? -1 : 1)));
    expect(canonical(a)).toBe(canonical(b));

    // Each device wrote only its own files: Syncthing never had two writers on one file.
    for (const d of pair.daemons) {
      const all = await fs.readdir(d.folder, { recursive: true });
      expect(all.filter((f) => String(f).includes('sync-conflict'))).toEqual([]);
      expect(all.some((f) => String(f).endsWith('.seg'))).toBe(true);
    }
    expect(path.isAbsolute(pair.daemons[0].folder)).toBe(true);
  }, 400_000);
});

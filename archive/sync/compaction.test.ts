// Bounded growth: a device folds its own segments into a snapshot and removes them once the
// others have read them; a new device and one that was away (and edited meanwhile) catch up
// from the snapshot and end with the same archive as everyone else.

import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { tempArchive, tempDir, draft } from '../core/test-archive';
import { addItem, updateItem } from '../core/items';
import { tagItem } from '../core/tagging';
import type { Archive } from '../core/archive';
import { syncRound } from './round';
import { FolderTarget } from './target';

const TEXT = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';
const canonical = (archive: Archive) =>
  JSON.stringify({ items: [...archive.data.items].sort((x, y) => (x.id < y.id ? -1 : 1)), tags: archive.data.tags });

describe('compaction', () => {
  it('removes segments everyone has read, and newcomers and long-absent devices catch up from the snapshot', async () => {
    const folder = await tempDir('dossier-sync-compact-');
    const target = new FolderTarget(folder);
    const [a, b, away, late] = await Promise.all([0, 1, 2, 3].map(() => tempArchive({ seeded: false })));
    const round = (t: { archive: Archive }, compaction = { compactAfter: 3 }) =>
      syncRound(t.archive, target, { compaction });

    const x = await addItem(a.archive, draft('Item', TEXT));
    await round(a);
    await round(b);
    const awayDevice = (await round(away)).device; // it reads segment 1, then goes away (and edits offline)
    updateItem(away.archive, x, { byline: 'Written while away' });

    for (let i = 0; i < 6; i++) {
      updateItem(a.archive, x, { title: `Title ${i}` });
      await tagItem(a.archive, x, [`t${i}`]);
      await round(a);
      await round(b);
    }
    const mineDir = path.join(folder, 'devices', (await round(a)).device);
    // The away device still holds A back (it has read only segment 1).
    expect((await fs.readdir(mineDir)).filter((n) => n.endsWith('.seg'))).toHaveLength(7);

    // Months pass: the away device's last word is old, so it is no longer waited for.
    const stateFile = path.join(folder, 'devices', awayDevice, 'state.json');
    const state = JSON.parse(await fs.readFile(stateFile, 'utf8'));
    await fs.writeFile(stateFile, JSON.stringify({ ...state, at: '2020-01-01T00:00:00.000Z' }));
    updateItem(a.archive, x, { source: 'Compacted' });
    const compacting = await round(a);
    expect(compacting.compacted.snapshot).toBe(8);
    expect(compacting.compacted.removedSegments).toBe(7);
    expect((await fs.readdir(mineDir)).filter((n) => n.endsWith('.seg'))).toEqual(['00000008.seg']);
    expect(await fs.readdir(path.join(folder, 'snapshots'))).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}-00000008\.snap$/),
    ]);

    // A brand-new device starts from the snapshot.
    const joined = await round(late);
    expect(joined.waiting).toEqual([]);
    expect(late.archive.item(x).title).toBe('Title 5');
    expect(late.archive.item(x).source).toBe('Compacted');

    // The device that was away catches up, and its offline edit still counts.
    await round(away);
    await round(b);
    await round(a);
    await round(late);
    for (const t of [a, b, late]) await round(t);
    expect(away.archive.item(x).byline).toBe('Written while away');
    for (const t of [b, away, late]) expect(canonical(t.archive)).toBe(canonical(a.archive));
    for (const t of [a, b, away, late]) await t.cleanup();
    await fs.rm(folder, { recursive: true, force: true });
  });
});

// Sync through the contract, as the app and `dossier serve` call it: status, a round with
// the remembered target, the conflicts list with titles, and choosing a value, which the
// next round settles on the other machine too.

import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import { tempArchive, tempDir, draft } from '../core/test-archive';
import { addItem, updateItem } from '../core/items';
import { dispatch } from '../api/dispatch';
import { syncRound } from './round';
import { FolderTarget } from './target';

const TEXT = 'Wang Yi said the relationship between China and Russia has reached an unprecedented level.';

describe('sync through the contract', () => {
  it('runs rounds, lists a conflict with its item, and settles it by choosing', async () => {
    const folder = await tempDir('dossier-sync-api-');
    const a = await tempArchive({ seeded: false });
    const b = await tempArchive({ seeded: false });
    const call = async (archive: typeof a.archive, method: Parameters<typeof dispatch>[1], args: unknown = {}) => {
      const outcome = await dispatch(archive, method, args);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value as never;
    };

    const none = await dispatch(a.archive, 'sync.run', {});
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringMatching(/^Choose a sync folder/) },
    });
    // The target is chosen once (by the CLI, or the app's setting) and remembered.
    const remember = { kind: 'folder' as const, folder };
    const x = await addItem(a.archive, draft('Shared', TEXT));
    await syncRound(a.archive, new FolderTarget(folder), { remember });
    await syncRound(b.archive, new FolderTarget(folder), { remember });
    expect(await call(b.archive, 'sync.status')).toMatchObject({ target: remember, encrypted: false, conflicts: 0 });

    updateItem(a.archive, x, { title: 'A says' });
    updateItem(b.archive, x, { title: 'B says' });
    await call(a.archive, 'sync.run');
    const report = (await call(b.archive, 'sync.run')) as { conflicts: number; received: { segments: number } };
    expect(report).toMatchObject({ conflicts: 1, received: { segments: 1 } });
    const { conflicts } = (await call(b.archive, 'sync.conflicts')) as {
      conflicts: Array<{
        entity: string;
        field: string;
        title: string;
        current: { value: string };
        others: Array<{ value: string }>;
      }>;
    };
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entity: `i:${x}`, field: 'title', title: b.archive.item(x).title });
    const loser = conflicts[0].others[0].value;

    const after = (await call(b.archive, 'sync.choose', { entity: `i:${x}`, field: 'title', pick: 1 })) as {
      conflicts: unknown[];
    };
    expect(after.conflicts).toEqual([]);
    expect(b.archive.item(x).title).toBe(loser);
    await call(b.archive, 'sync.run');
    await call(a.archive, 'sync.run');
    expect(a.archive.item(x).title).toBe(loser);
    expect(((await call(a.archive, 'sync.conflicts')) as { conflicts: unknown[] }).conflicts).toEqual([]);
    expect(await dispatch(a.archive, 'sync.choose', { entity: 'x:1', field: 'title', pick: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });

    await a.cleanup();
    await b.cleanup();
    await fs.rm(folder, { recursive: true, force: true });
  });
});

import { describe, it, expect, afterEach } from 'vitest';
import { readFile, writeFile, readdir, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Archive } from './archive';
import { Store } from './store';
import { openArchive } from '../api/open-archive';
import { tempDir, draft } from './test-archive';
import { addItem, deleteItem, updateItem } from './items';
import { tagItem } from './tagging';
import { listBackups, pruneBackups, takeBackup } from './backups';
import { restoreBackup } from './restore';
import { verifyArchive } from './verify';
import { repairArchive } from './repair';

const dirs: string[] = [];
async function freshDir() {
  const dir = await tempDir('dossier-backups-');
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function archiveWithItems(n = 3): Promise<{ dir: string; archive: Archive; ids: string[] }> {
  const dir = await freshDir();
  const archive = await Archive.open(dir);
  const ids = [];
  for (let i = 0; i < n; i++)
    ids.push(await addItem(archive, draft(`Story ${i}`, `The text of story ${i}, about harbours and grain.`)));
  await archive.durable();
  return { dir, archive, ids };
}

describe('backups', () => {
  it('are taken when a writer opens an archive, of the validated state, with links to its bodies', async () => {
    const { dir, archive, ids } = await archiveWithItems();
    await archive.close();
    const reopened = await Archive.open(dir);
    await reopened.close(); // waits for the backup under way
    const [backup] = await listBackups(dir);
    expect(backup).toMatchObject({ items: 3, valid: true, reason: 'open', bodies: 'linked' });
    expect(Object.keys(backup).sort()).toEqual(['bodies', 'bytes', 'created', 'id', 'items', 'reason', 'valid']);
    const folder = path.join(dir, 'backups', backup.id);
    expect((await readdir(path.join(folder, 'content'))).sort()).toEqual(ids.map((id) => `${id}.txt`).sort());
    // A backup is laid out like an archive: it opens as one.
    const state = await Store.open(folder, { readOnly: true });
    expect(state.data.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    await state.close();
  });

  it('are skipped when nothing changed since the newest, and taken again after a change', async () => {
    const { dir, archive, ids } = await archiveWithItems();
    const first = await archive.backups!.take('test');
    expect(first).not.toBeNull();
    expect(await archive.backups!.take('test')).toBeNull();
    tagItem(archive, ids[0], ['Harbours']);
    expect(await archive.backups!.take('test')).not.toBeNull();
    await archive.close();
    expect(await listBackups(dir)).toHaveLength(2);
  });

  it('are never taken of, or rotated away by, a file that fails to open', async () => {
    const { dir, archive } = await archiveWithItems();
    await archive.backups!.take('good');
    await archive.store.fold();
    await archive.close();
    const before = await listBackups(dir);
    const file = path.join(dir, 'dossier.json');
    const good = JSON.parse(await readFile(file, 'utf8'));
    for (const damage of [
      { ...good, items: [null] },
      { ...good, tags: 'x' },
      { ...good, items: [{ ...good.items[0], id: '../x' }] },
    ]) {
      await writeFile(file, JSON.stringify(damage));
      for (let i = 0; i < 6; i++)
        await expect(openArchive(dir)).rejects.toThrow(/^dossier\.json is damaged: .*dossier restore <id>/);
    }
    expect(await listBackups(dir)).toEqual(before);
  });

  it('keep the recent ones, one a day for a week and one a week for two months', async () => {
    const dir = await freshDir();
    const now = new Date('2026-12-01T12:00:00Z');
    const ids: string[] = [];
    // Four a day for 70 days.
    for (let day = 0; day < 70; day++) {
      for (const hour of [1, 7, 13, 19]) {
        const t = new Date(now.getTime() - day * 86_400_000 - hour * 3_600_000);
        ids.push(t.toISOString().replace(/[-:.]/g, ''));
      }
    }
    for (const id of ids) await mkdir(path.join(dir, 'backups', id), { recursive: true });
    await pruneBackups(dir, now);
    const kept = (await readdir(path.join(dir, 'backups'))).sort().reverse();
    const newest = [...ids].sort().reverse();
    expect(kept.slice(0, 5)).toEqual(newest.slice(0, 5));
    expect(new Set(kept.map((k) => k.slice(0, 8))).size).toBeGreaterThanOrEqual(7 + 7);
    expect(kept.length).toBeLessThanOrEqual(5 + 7 + 8);
    expect(kept.at(-1)! < newest[7 * 4 * 6]).toBe(true); // reaches back more than six weeks
  });

  it('restore one: the current state is backed up first, then the backup comes back whole, bodies and search too', async () => {
    const { dir, archive, ids } = await archiveWithItems();
    tagItem(archive, ids[1], ['Grain']);
    const saved = (await archive.backups!.take('before the mistake'))!;
    await deleteItem(archive, ids[1]);
    updateItem(archive, ids[0], { title: 'Renamed by mistake' });
    const later = await addItem(archive, draft('Later', 'A story added after the backup about fishing.'));
    await archive.durable();

    const report = await restoreBackup(archive, saved.id);
    expect(report).toMatchObject({ restored: saved.id, items: 3 });
    expect(report.safety).toMatch(/^\d{8}T\d{9}Z$/);
    expect(archive.item(ids[1]).tags).toEqual(['Grain']);
    expect(archive.item(ids[0]).title).toBe('Story 0');
    expect(archive.has(later)).toBe(false);
    expect(await archive.store.readContent(ids[1], 'txt')).toMatch(/story 1/);
    expect((await archive.index.query({ q: 'harbours' })).total).toBe(3);
    expect((await verifyArchive(archive)).ok).toBe(true);
    await archive.close();

    const reopened = await Archive.open(dir, { readOnly: true });
    expect(reopened.item(ids[1]).title).toBe('Story 1');
    await reopened.close();
    // The state the restore replaced is a backup of its own.
    const { data } = await import('./backups').then((b) => b.readBackup(dir, report.safety!));
    expect(data.items.map((i) => i.title)).toContain('Renamed by mistake');
  });

  it('list a damaged backup as not valid, and refuse to restore it', async () => {
    const { dir, archive } = await archiveWithItems();
    const manifest = (await takeBackup(archive.store, 'test'))!;
    await writeFile(path.join(dir, 'backups', manifest.id, 'dossier.json'), '{"version":2}');
    const [listed] = await listBackups(dir);
    expect(listed).toMatchObject({ id: manifest.id, valid: false });
    await expect(restoreBackup(archive, manifest.id)).rejects.toThrow(/damaged/);
    await expect(restoreBackup(archive, '../../etc')).rejects.toThrow(/no backup/i);
    await archive.close();
  });
});

describe('verify and repair', () => {
  it('lists files left by an interrupted import as leftovers, and repair moves them to lost+found', async () => {
    const { dir, archive } = await archiveWithItems(2);
    await writeFile(path.join(dir, 'content', 'ffffffffffffffff.txt'), 'half an import');
    const report = await verifyArchive(archive);
    expect(report.ok).toBe(true);
    expect(report.leftovers).toEqual(['content/ffffffffffffffff.txt']);
    const repaired = await repairArchive(archive);
    expect(repaired.ok).toBe(true);
    expect(repaired.actions[0]).toMatch(/Moved 1 file.*lost\+found/);
    expect((await verifyArchive(archive)).leftovers).toEqual([]);
    const [stamp] = await readdir(path.join(dir, 'lost+found'));
    expect(await readFile(path.join(dir, 'lost+found', stamp, 'ffffffffffffffff.txt'), 'utf8')).toBe('half an import');
    await archive.close();
  });

  it('repairs references to missing items and unregistered tags, and rebuilds the index', async () => {
    const { archive, ids } = await archiveWithItems(2);
    archive.data.notes.push({
      id: 'aaaaaaaaaaaaaaaa',
      itemId: 'bbbbbbbbbbbbbbbb',
      text: 'orphan',
      created: 'x',
      updated: 'x',
    });
    archive.data.items[0].tags.push('Unregistered');
    expect((await verifyArchive(archive)).problems).toHaveLength(2);
    const report = await repairArchive(archive);
    expect(report.ok).toBe(true);
    expect(report.actions.join(' ')).toMatch(/Removed 1 note.*Registered 1 tag.*Rebuilt the search index/);
    expect((await archive.index.query({ q: 'harbours' })).total).toBe(2);
    expect(archive.item(ids[0]).tags).toContain('Unregistered');
    await archive.close();
  });
});

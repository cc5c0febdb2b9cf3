// Restores a backup into the open archive: the current state is backed up first (so a
// restore can itself be undone), the backup's bodies are put back, its state replaces the
// archive's in one journal record, and the search index follows. Bodies of items the
// backup does not hold are removed only after that is durable; they are in the new backup.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Archive } from './archive';
import { readBackup, type BackupManifest } from './backups';
import { syncDir } from './atomic-file';
import { ArchiveError } from './errors';
import { ID_PATTERN } from './ids';
import type { RestoreReport } from './reports';

export async function restoreBackup(archive: Archive, id: string): Promise<RestoreReport> {
  if (archive.store.readOnly || !archive.backups)
    throw new ArchiveError('internal', 'This archive was opened read-only.');
  const backup = await readBackup(archive.dir, id);
  const safety: BackupManifest | null = await archive.backups.take('before restore', { force: true });

  const contentDir = archive.store.contentDir;
  for (const item of backup.data.items) {
    const files: string[] = [];
    if (item.content.text) files.push(`${item.id}.txt`);
    if (item.content.html) files.push(`${item.id}.html`);
    if (item.assets.length) await fs.mkdir(archive.store.assetsDir(item.id), { recursive: true });
    for (const asset of item.assets) files.push(path.relative(contentDir, archive.store.assetPath(item.id, asset)));
    for (const file of files) {
      const from = path.join(backup.contentDir, file);
      const to = path.join(contentDir, file);
      // Already the very same file (a hard link): renaming one link onto another does nothing.
      const [a, b] = await Promise.all([fs.stat(from).catch(() => null), fs.stat(to).catch(() => null)]);
      if (a && b && a.ino === b.ino && a.dev === b.dev) continue;
      const tmp = `${to}.restore.tmp`;
      await fs.rm(tmp, { force: true });
      try {
        await fs.link(from, tmp);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        await fs.copyFile(from, tmp);
      }
      await fs.rename(tmp, to);
    }
    if (item.assets.length) await syncDir(archive.store.assetsDir(item.id));
  }
  await syncDir(contentDir);

  const before = new Set(archive.data.items.map((i) => i.id));
  archive.replaceAll(backup.data);
  await archive.durable();
  await archive.store.fold();
  const kept = new Set(backup.data.items.map((i) => i.id));
  for (const gone of before) if (!kept.has(gone) && ID_PATTERN.test(gone)) await archive.store.removeContent(gone);
  await archive.reopenIndex();
  return { restored: id, items: backup.data.items.length, safety: safety?.id ?? null };
}

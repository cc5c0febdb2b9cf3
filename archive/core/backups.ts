// Backups worth having: each one is a folder in backups/ laid out like an archive (its
// snapshot and journal, copied between two appends and never during a fold, so together
// they are one consistent state), with hard links to the bodies that state needs (no
// copying, and a later edit never changes them) and a manifest with checksums. Backups
// are taken only of the open archive, whose state was read and validated (never of a file
// that failed to open), skipped when nothing changed since the newest, fsynced, written to
// a partial folder and renamed into place when whole, and pruned by generation: the recent
// ones, one a day for a week, one a week for two months. Bodies include kept images.

import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArchiveData, Item } from './model';
import { Store } from './store';
import { syncDir, syncFile, writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';
import { assertItemId } from './ids';
import type { BackupInfo } from './reports';

export const BACKUP_VERSION = 1;
const KEEP_RECENT = 5;
const KEEP_DAILY = 7;
const KEEP_WEEKLY = 8;
const ID_PATTERN = /^\d{8}T\d{6}\d{3}Z$/;
/** Parallel link calls while linking bodies. */
const LINKS_AT_ONCE = 16;
/** The state files a backup holds, as in an archive folder. */
const STATE_FILES = ['dossier.json', 'journal'] as const;

export const BackupManifest = z.object({
  format: z.literal('dossier-backup'),
  version: z.number().int(),
  id: z.string().regex(ID_PATTERN),
  created: z.string(),
  reason: z.string().max(100),
  items: z.number().int().min(0),
  /** The journal position of the state: equal positions are equal states. */
  seq: z.number().int().min(0),
  /** sha-256 of each state file it holds. */
  files: z.partialRecord(z.enum(STATE_FILES), z.string().regex(/^[0-9a-f]{64}$/)),
  bytes: z.number().int().min(0),
  /** How the bodies were kept: hard links (or copies where links fail), or none were needed. */
  bodies: z.enum(['linked', 'copied', 'none']),
  bodyFiles: z.number().int().min(0),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

function backupsDir(dir: string): string {
  return path.join(dir, 'backups');
}

function newBackupId(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/** The folder of backup `id` in archive `dir`, after checking the id is one. */
export function backupFolder(dir: string, id: string): string {
  if (!ID_PATTERN.test(id))
    throw new ArchiveError(
      'not_found',
      `There is no backup “${id.slice(0, 40)}” (list them with \`dossier backups\`).`,
    );
  return path.join(backupsDir(dir), id);
}

async function readManifest(folder: string): Promise<BackupManifest> {
  const raw = JSON.parse(await fs.readFile(path.join(folder, 'backup.json'), 'utf8')) as unknown;
  return BackupManifest.parse(raw);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Takes a backup of the open archive `store` unless the newest backup holds the same state
 * (then returns null); `force` takes one even then (before a restore).
 */
export async function takeBackup(
  store: Store,
  reason: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<BackupManifest | null> {
  const root = backupsDir(store.dir);
  await fs.mkdir(root, { recursive: true });
  await store.load(); // a writer that opened searches first may still be reading the archive
  await store.durable(); // so that its journal position counts every change made so far
  const newest = (await listBackups(store.dir, { verify: false })).find((b) => b.valid);
  if (!options.force && newest && (await readManifest(path.join(root, newest.id)).catch(() => null))?.seq === store.seq)
    return null;
  let now = options.now ?? new Date();
  while ((await fs.stat(path.join(root, newBackupId(now))).catch(() => null)) !== null)
    now = new Date(now.getTime() + 1);
  const id = newBackupId(now);
  const partial = path.join(root, `.partial-${id}`);
  await fs.mkdir(path.join(partial, 'content'), { recursive: true });
  try {
    // Bodies before the state (a body deleted meanwhile is kept), and again after it (for
    // items added meanwhile): every item of the copied state finds its body.
    const linked = new Set<string>();
    let how = await linkBodies(store.contentDir, store.data.items, path.join(partial, 'content'), linked);
    const seq = await store.copyStateTo(partial);
    const items = store.data.items.length;
    if ((await linkBodies(store.contentDir, store.data.items, path.join(partial, 'content'), linked)) === 'copied')
      how = 'copied';
    const files: Partial<Record<(typeof STATE_FILES)[number], string>> = {};
    let bytes = 0;
    for (const name of STATE_FILES) {
      const file = path.join(partial, name);
      const stat = await fs.stat(file).catch(() => null);
      if (!stat) continue;
      await syncFile(file);
      files[name] = await sha256Of(file);
      bytes += stat.size;
    }
    const manifest: BackupManifest = {
      format: 'dossier-backup',
      version: BACKUP_VERSION,
      id,
      created: now.toISOString(),
      reason,
      items,
      seq,
      files,
      bytes,
      bodies: linked.size === 0 ? 'none' : how,
      bodyFiles: linked.size,
    };
    await writeFileAtomic(path.join(partial, 'backup.json'), JSON.stringify(manifest, null, 1), { syncFolder: false });
    await syncDir(path.join(partial, 'content'));
    await syncDir(partial);
    await fs.rename(partial, path.join(root, id));
    await syncDir(root);
    await pruneBackups(store.dir, now);
    return manifest;
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw new ArchiveError('io_error', `Cannot take a backup: ${(error as Error).message}`);
  }
}

async function linkBodies(
  contentDir: string,
  items: Item[],
  into: string,
  linked: Set<string>,
): Promise<'linked' | 'copied'> {
  const names: string[] = [];
  for (const [n, item] of items.entries()) {
    // A backup runs beside edits: it gives the event loop back every thousand items.
    if (n % 1_000 === 999) await new Promise<void>((resolve) => setImmediate(resolve));
    if (item.content.text && !linked.has(`${item.id}.txt`)) names.push(`${assertItemId(item.id)}.txt`);
    if (item.content.html && !linked.has(`${item.id}.html`)) names.push(`${assertItemId(item.id)}.html`);
    for (const asset of item.assets)
      if (!linked.has(`${item.id}/${asset}`)) names.push(`${assertItemId(item.id)}/${asset}`);
  }
  const folders = new Set(names.filter((n) => n.includes('/')).map((n) => n.split('/')[0]));
  await Promise.all([...folders].map((f) => fs.mkdir(path.join(into, f), { recursive: true })));
  let copied = false;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < names.length) {
      const name = names[next++];
      const from = path.join(contentDir, name);
      const to = path.join(into, name);
      try {
        await fs.link(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue; // verify reports a missing body; the backup keeps what exists
        if (code === 'EEXIST') continue;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
        await fs.copyFile(from, to);
        copied = true;
      }
      linked.add(name);
    }
  }
  await Promise.all(Array.from({ length: LINKS_AT_ONCE }, worker));
  return copied ? 'copied' : 'linked';
}

/** Every backup, newest first. `verify` checks each snapshot against its checksum. */
export async function listBackups(dir: string, options: { verify?: boolean } = {}): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(backupsDir(dir));
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names
    .filter((n) => ID_PATTERN.test(n))
    .sort()
    .reverse()) {
    const folder = path.join(backupsDir(dir), name);
    try {
      const m = await readManifest(folder);
      const info: BackupInfo = {
        id: name,
        created: m.created,
        items: m.items,
        valid: true,
        bytes: m.bytes,
        reason: m.reason,
        bodies: m.bodies,
      };
      if (options.verify !== false) {
        const bad = await damagedFile(folder, m);
        if (bad) Object.assign(info, { valid: false, problem: `its ${bad} does not match its checksum` });
      }
      out.push(info);
    } catch (error) {
      out.push({
        id: name,
        created: '',
        items: 0,
        valid: false,
        bytes: 0,
        reason: '',
        bodies: 'none',
        problem: `its manifest cannot be read (${(error as Error).message.split('\n')[0]})`,
      });
    }
  }
  return out;
}

async function damagedFile(folder: string, m: BackupManifest): Promise<string | null> {
  for (const [name, sha] of Object.entries(m.files)) {
    if ((await sha256Of(path.join(folder, name)).catch(() => null)) !== sha) return name;
  }
  return null;
}

/** A backup's state, read and validated like an archive's own, and the folder of its bodies. */
export async function readBackup(
  dir: string,
  id: string,
): Promise<{ data: ArchiveData; contentDir: string; manifest: BackupManifest }> {
  const folder = backupFolder(dir, id);
  let manifest: BackupManifest;
  try {
    manifest = await readManifest(folder);
  } catch {
    throw new ArchiveError('not_found', `There is no usable backup “${id}” (list them with \`dossier backups\`).`);
  }
  const bad = await damagedFile(folder, manifest);
  if (bad)
    throw new ArchiveError(
      'corrupt_archive',
      `Backup ${id} is damaged (its ${bad} does not match its checksum); choose another.`,
    );
  const state = await Store.open(folder, { readOnly: true });
  try {
    return { data: state.data, contentDir: state.contentDir, manifest };
  } finally {
    await state.close();
  }
}

/** Keeps the newest few, the newest of each of the last days and of the last weeks. */
export async function pruneBackups(dir: string, now = new Date()): Promise<string[]> {
  const root = backupsDir(dir);
  const names = (await fs.readdir(root).catch(() => [] as string[])).sort().reverse();
  const ids = names.filter((n) => ID_PATTERN.test(n));
  const keep = new Set(ids.slice(0, KEEP_RECENT));
  const days = new Set<string>();
  const weeks = new Set<number>();
  for (const id of ids) {
    const day = id.slice(0, 8);
    const t = Date.UTC(+id.slice(0, 4), +id.slice(4, 6) - 1, +id.slice(6, 8));
    const ageDays = Math.floor((now.getTime() - t) / 86_400_000);
    if (ageDays < KEEP_DAILY && !days.has(day)) {
      days.add(day);
      keep.add(id);
    }
    const week = Math.floor(t / (7 * 86_400_000));
    if (ageDays < KEEP_WEEKLY * 7 && !weeks.has(week)) {
      weeks.add(week);
      keep.add(id);
    }
  }
  const removed = ids.filter((id) => !keep.has(id));
  // A partial folder older than an hour was left by a process that stopped mid-backup.
  const stale = names.filter((n) => n.startsWith('.partial-') && now.getTime() - idTime(n.slice(9)) > 3_600_000);
  await Promise.all([...removed, ...stale].map((n) => fs.rm(path.join(root, n), { recursive: true, force: true })));
  return removed;
}

function idTime(id: string): number {
  const m = id.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : 0;
}

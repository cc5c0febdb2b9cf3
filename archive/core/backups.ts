// Backups worth having: each one is a folder in backups/ holding a validated snapshot of the
// archive (journal folded in), hard links to the bodies that state needs (no copying, and
// a later edit never changes them), and a small manifest with its checksum. They are taken
// of the open, validated state only (never of a file that failed to open), skipped when
// nothing changed since the newest, written to a partial folder and renamed into place
// when whole, and pruned by generation: the recent ones, one a day, one a week.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArchiveData } from './model';
import { serialiseSnapshot, parseSnapshot } from './snapshot-file';
import { syncDir, writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';
import { assertId } from './ids';
import type { BackupInfo } from './reports';

export const BACKUP_VERSION = 1;
const KEEP_RECENT = 5;
const KEEP_DAILY = 7;
const KEEP_WEEKLY = 8;
const ID_PATTERN = /^\d{8}T\d{6}\d{3}Z$/;
/** Parallel link calls while linking bodies. */
const LINKS_AT_ONCE = 16;

export const BackupManifest = z.object({
  format: z.literal('dossier-backup'),
  version: z.number().int(),
  id: z.string().regex(ID_PATTERN),
  created: z.string(),
  reason: z.string().max(100),
  items: z.number().int().min(0),
  seq: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  /** How the bodies were kept: hard links (or copies where links fail), or not at all. */
  bodies: z.enum(['linked', 'copied', 'none']),
  bodyFiles: z.number().int().min(0),
});
export type BackupManifest = z.infer<typeof BackupManifest>;


/** What a backup is taken of: the open archive's state and where its bodies are. */
export interface BackupSource {
  dir: string;
  contentDir: string;
  data: ArchiveData;
  seq: number;
}

function backupsDir(dir: string): string {
  return path.join(dir, 'backups');
}

function newBackupId(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/** The folder of backup `id` in archive `dir`, after checking the id is one. */
export function backupFolder(dir: string, id: string): string {
  if (!ID_PATTERN.test(id)) throw new ArchiveError('not_found', `There is no backup “${id.slice(0, 40)}” (list them with \`dossier backups\`).`);
  return path.join(backupsDir(dir), id);
}

async function readManifest(folder: string): Promise<BackupManifest> {
  const raw = JSON.parse(await fs.readFile(path.join(folder, 'backup.json'), 'utf8')) as unknown;
  return BackupManifest.parse(raw);
}

/**
 * Takes a backup of `source` unless the newest backup holds the same state (then returns
 * null). `force` takes one even then (before a restore).
 */
export async function takeBackup(source: BackupSource, reason: string, options: { force?: boolean; now?: Date } = {}): Promise<BackupManifest | null> {
  const now = options.now ?? new Date();
  const root = backupsDir(source.dir);
  await fs.mkdir(root, { recursive: true });
  const id = newBackupId(now);
  const partial = path.join(root, `.partial-${id}`);
  await fs.mkdir(path.join(partial, 'content'), { recursive: true });
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    async function* hashed(): AsyncGenerator<string> {
      for await (const chunk of serialiseSnapshot(source.data, source.seq)) {
        hash.update(chunk);
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    }
    await writeFileAtomic(path.join(partial, 'dossier.json'), hashed(), { syncFolder: false });
    const sha256 = hash.digest('hex');
    const newest = (await listBackups(source.dir, { verify: false })).find((b) => b.valid);
    if (!options.force && newest && (await readManifest(path.join(root, newest.id)).catch(() => null))?.sha256 === sha256) {
      await fs.rm(partial, { recursive: true, force: true });
      return null;
    }
    const { how, files } = await linkBodies(source, path.join(partial, 'content'));
    const manifest: BackupManifest = {
      format: 'dossier-backup',
      version: BACKUP_VERSION,
      id,
      created: now.toISOString(),
      reason,
      items: source.data.items.length,
      seq: source.seq,
      sha256,
      bytes,
      bodies: how,
      bodyFiles: files,
    };
    await writeFileAtomic(path.join(partial, 'backup.json'), JSON.stringify(manifest, null, 1), { syncFolder: false });
    await syncDir(path.join(partial, 'content'));
    await syncDir(partial);
    await fs.rename(partial, path.join(root, id));
    await syncDir(root);
    await pruneBackups(source.dir, now);
    return manifest;
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw new ArchiveError('io_error', `Cannot take a backup: ${(error as Error).message}`);
  }
}

async function linkBodies(source: BackupSource, into: string): Promise<{ how: BackupManifest['bodies']; files: number }> {
  const names: string[] = [];
  for (const item of source.data.items) {
    if (item.content.text) names.push(`${assertId(item.id)}.txt`);
    if (item.content.html) names.push(`${item.id}.html`);
  }
  let copied = false;
  let files = 0;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < names.length) {
      const name = names[next++];
      const from = path.join(source.contentDir, name);
      const to = path.join(into, name);
      try {
        await fs.link(from, to);
        files += 1;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue; // verify reports a missing body; the backup keeps what exists
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
        await fs.copyFile(from, to);
        copied = true;
        files += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: LINKS_AT_ONCE }, worker));
  return { how: names.length === 0 ? 'none' : copied ? 'copied' : 'linked', files };
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
  for (const name of names.filter((n) => ID_PATTERN.test(n)).sort().reverse()) {
    const folder = path.join(backupsDir(dir), name);
    try {
      const m = await readManifest(folder);
      const info: BackupInfo = { id: name, created: m.created, items: m.items, valid: true, bytes: m.bytes, reason: m.reason, bodies: m.bodies };
      if (options.verify !== false) {
        const bytes = await fs.readFile(path.join(folder, 'dossier.json'));
        if (createHash('sha256').update(bytes).digest('hex') !== m.sha256) Object.assign(info, { valid: false, problem: 'its snapshot does not match its checksum' });
      }
      out.push(info);
    } catch (error) {
      out.push({ id: name, created: '', items: 0, valid: false, bytes: 0, reason: '', bodies: 'none', problem: `its manifest cannot be read (${(error as Error).message.split('\n')[0]})` });
    }
  }
  return out;
}

/** A backup's validated state and the folder of its bodies; refuses one that is damaged. */
export async function readBackup(dir: string, id: string): Promise<{ data: ArchiveData; contentDir: string; manifest: BackupManifest }> {
  const folder = backupFolder(dir, id);
  let manifest: BackupManifest;
  try {
    manifest = await readManifest(folder);
  } catch {
    throw new ArchiveError('not_found', `There is no usable backup “${id}” (list them with \`dossier backups\`).`);
  }
  const bytes = await fs.readFile(path.join(folder, 'dossier.json'));
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    throw new ArchiveError('corrupt_archive', `Backup ${id} is damaged (its snapshot does not match its checksum); choose another.`);
  }
  const data = parseSnapshot(bytes.toString('utf8'), `backups/${id}/dossier.json`);
  return { data, contentDir: path.join(folder, 'content'), manifest };
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

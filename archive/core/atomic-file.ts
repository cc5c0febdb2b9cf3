// Writes a file so that a reader sees either the old content or the new, never a torn
// mix, and so that the new content survives a crash once the promise resolves: write a
// temporary file beside it, flush it, rename it over the target, then flush the folder
// (a rename lives in the folder's entry, which has its own fsync).

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Flushes a folder's entries (renames, creations, removals) to disk. A no-op where the
 *  platform cannot open a folder for syncing (Windows), whose renames are durable already. */
export async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** Flushes a file's content to disk; a file that is gone meanwhile is nothing to flush. */
export async function syncFile(file: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+'); // writable: Windows flushes only a handle that may write
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface AtomicWriteOptions {
  /** Skip the file's fsync when the caller syncs it later (a group commit syncs many at once). */
  syncFile?: boolean;
  /** Skip the folder fsync when the caller syncs the folder once for many files. */
  syncFolder?: boolean;
  /** Runs once the new bytes are on disk, before the rename makes them visible. */
  beforeRename?: () => Promise<void>;
}

/** The name writeFileAtomic writes a file under first, beside it: `.<name>.<8 hex digits>.tmp`. */
const TEMPORARY = /^\.(.+)\.[0-9a-f]{8}\.tmp$/;

/** `data` may be a function that writes the temporary file through its handle (at positions of its choosing). */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | AsyncIterable<string> | ((handle: fs.FileHandle) => Promise<void>),
  options: AtomicWriteOptions = {},
): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else if (typeof data === 'function') await data(handle);
    else for await (const chunk of data) await handle.write(chunk);
    if (options.syncFile !== false) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await options.beforeRename?.();
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  if (options.syncFolder !== false) await syncDir(path.dirname(file));
}

/**
 * Removes the temporary files a writeFileAtomic of `file` left behind when its process was
 * killed mid-write, if none has been written to for `staleMs` (a writer at work touches its
 * file as it goes, so only abandoned ones are that old). Returns the names removed.
 */
export async function removeStaleTemporaries(file: string, staleMs: number): Promise<string[]> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return []; // no folder, no leftovers: writing will say what is wrong
  }
  const removed: string[] = [];
  for (const name of names) {
    if (TEMPORARY.exec(name)?.[1] !== base) continue;
    const stale = await fs
      .stat(path.join(dir, name))
      .then((s) => s.isFile() && Date.now() - s.mtimeMs > staleMs)
      .catch(() => false);
    if (!stale) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

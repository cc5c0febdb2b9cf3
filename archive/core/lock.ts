// One writer per archive folder. `.lock` is created whole and exclusively: its content is
// written to a private file first and then hard-linked into place, so no reader ever sees
// an empty or half-written lock and two processes can never both succeed. A lock whose
// holder is gone (judged by pid, start time and boot, see process-identity) is taken over
// through a guard file named after that lock's own nonce, so only one process can ever
// remove a given stale lock, and never a live one. A second writer waits a few seconds,
// then fails with one line naming the holder.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ArchiveError } from './errors';
import { ownIdentity, isGone, type ProcessIdentity } from './process-identity';
import { syncDir } from './atomic-file';

export interface ArchiveLock {
  /** What this process wrote into the lock. */
  readonly info: LockInfo;
  release(): Promise<void>;
}

export interface LockInfo extends ProcessIdentity {
  nonce: string;
  /** What holds the archive, for the message a second writer gets ("dossier serve"). */
  holder: string;
  since: string;
}

export interface LockOptions {
  /** How long a second writer waits for the holder to finish before giving up. */
  waitMs?: number;
  holder?: string;
}

const DEFAULT_WAIT_MS = 5_000;
const POLL_MS = 50;
/** A lock file of an older Dossier with no identity in it, unchanged this long, is stale. */
const LEGACY_STALE_MS = 10_000;
const MAX_TAKEOVER_DEPTH = 4;

/** Lock files this process holds, so that a second open in the same process is refused too. */
const heldHere = new Set<string>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(dir: string, options: LockOptions = {}): Promise<ArchiveLock> {
  const file = path.resolve(dir, '.lock');
  if (heldHere.has(file)) throw new ArchiveError('conflict', `The archive at ${dir} is already open in this process.`);
  heldHere.add(file);
  try {
    const info: LockInfo = {
      ...ownIdentity(),
      nonce: randomBytes(8).toString('hex'),
      holder: options.holder ?? describeSelf(),
      since: new Date().toISOString(),
    };
    const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
    for (;;) {
      if (await createExclusive(file, info)) break;
      const current = await readLock(file);
      if (current === 'missing') continue;
      if (await isStale(file, current)) {
        await breakStale(file, current, 0);
        continue;
      }
      if (Date.now() >= deadline) throw new ArchiveError('conflict', heldMessage(dir, current));
      await sleep(POLL_MS);
    }
    await syncDir(path.dirname(file));
    return {
      info,
      async release() {
        if (!heldHere.has(file)) return;
        const now = await readLock(file);
        if (now !== 'missing' && now !== 'garbled' && now.nonce === info.nonce) await fs.rm(file, { force: true });
        heldHere.delete(file);
      },
    };
  } catch (error) {
    heldHere.delete(file);
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError('io_error', `Cannot lock the archive at ${dir}: ${(error as Error).message}`);
  }
}

/** Writes `info` to a private file, then links it to `file`: true if this process now holds it. */
async function createExclusive(file: string, info: object): Promise<boolean> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(JSON.stringify(info));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

type ReadLock = Partial<LockInfo> | 'missing' | 'garbled';

async function readLock(file: string): Promise<ReadLock> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<LockInfo>) : 'garbled';
  } catch {
    return 'garbled';
  }
}

async function isStale(file: string, lock: Exclude<ReadLock, 'missing'>): Promise<boolean> {
  if (lock === 'garbled' || typeof lock.nonce !== 'string') {
    // Written by an older Dossier (pid only, possibly still being written): gone if its pid
    // is, or if it has not changed for a while and says nothing we can check.
    if (lock !== 'garbled' && typeof lock.pid === 'number' && isGone({ pid: lock.pid })) return true;
    const stat = await fs.stat(file).catch(() => null);
    return (
      stat !== null &&
      Date.now() - stat.mtimeMs > LEGACY_STALE_MS &&
      (lock === 'garbled' || typeof lock.pid !== 'number')
    );
  }
  return isGone(lock);
}

/** The identity of a lock's content, whatever wrote it: its nonce, or a digest of its text. */
async function lockKey(file: string, lock: Exclude<ReadLock, 'missing'>): Promise<string | null> {
  if (lock !== 'garbled' && typeof lock.nonce === 'string' && /^[0-9a-f]{1,32}$/.test(lock.nonce)) return lock.nonce;
  const text = await fs.readFile(file).catch(() => null);
  if (!text) return null;
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Removes the stale lock `file` whose content was `stale`. Only the process that creates the
 * guard `<file>.takeover-<key>` may remove a lock with that key; it checks the lock still has
 * that key first. Nothing else can change a lock whose holder is gone, so the check holds.
 */
async function breakStale(file: string, stale: Exclude<ReadLock, 'missing'>, depth: number): Promise<void> {
  if (depth > MAX_TAKEOVER_DEPTH) throw new Error('too many interrupted takeovers of a stale lock');
  const key = await lockKey(file, stale);
  if (!key) return;
  const guard = `${file}.takeover-${key}`;
  const me = {
    ...ownIdentity(),
    nonce: randomBytes(8).toString('hex'),
    holder: 'takeover',
    since: new Date().toISOString(),
  };
  if (!(await createExclusive(guard, me))) {
    const other = await readLock(guard);
    if (other !== 'missing' && (await isStale(guard, other))) await breakStale(guard, other, depth + 1);
    else await sleep(POLL_MS);
    return;
  }
  try {
    const now = await readLock(file);
    if (now !== 'missing' && (await lockKey(file, now)) === key) await fs.rm(file, { force: true });
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function heldMessage(dir: string, lock: Exclude<ReadLock, 'missing'>): string {
  if (lock === 'garbled')
    return `The archive at ${dir} is being opened by another Dossier process; try again in a moment.`;
  const what = lock.holder ? `${lock.holder} (pid ${lock.pid})` : `another Dossier process (pid ${lock.pid})`;
  const since = lock.since ? `, open since ${lock.since.slice(0, 16).replace('T', ' ')}` : '';
  return `The archive at ${dir} is open in ${what}${since}; close it first.`;
}

function describeSelf(): string {
  const argv = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  return argv.length ? `dossier ${argv[0]}` : 'Dossier';
}

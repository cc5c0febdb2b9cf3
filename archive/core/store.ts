// The archive folder on disk: exactly one lowdb instance over dossier.json (the snapshot),
// the journal beside it (fsynced records of every edit since the snapshot), content/ for
// bodies, and the writer's lock. An edit costs the size of the edit: it is recorded, and
// `durable()` resolves once a journal record holding it is on disk; edits that arrive
// together share one fsync. The snapshot is rewritten in the background when the journal
// grows, and a read-only store reads all of this without a lock and writes nothing. Either
// may open before reading the files (deferRead: a search answered from the index's catalog
// needs none of them); then `load()` reads them, and a writer holds the lock meanwhile.

import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { SnapshotFile } from './snapshot-file';
import { emptyArchiveData, ASSET_NAME, type ArchiveData } from './model';
import { acquireLock, type ArchiveLock } from './lock';
import { syncDir, syncFile, writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';
import { assertItemId } from './ids';
import {
  readJournal,
  encodeRecord,
  JournalWriter,
  type Change,
  type JournalContents,
  type RecordCollection,
} from './journal';
import { replayInTurns } from './replay';
import { shareItemValues } from './shared-values';
import { pauseWith } from './snapshot-slices';
import { archiveFiles, type ArchiveFiles } from './archive-files';

/** The journal is folded into a fresh snapshot once it is this large (or a fifth of the snapshot). */
const FOLD_MIN_BYTES = 4 * 1024 * 1024;
/** A reader that catches the writer mid-fold tries again this many times. */
const CONSISTENT_READ_TRIES = 20;

export interface StoreOptions {
  /** Read-only stores take no lock and never write. */
  readOnly?: boolean;
  /** False: refuse to create an archive where there is none. */
  create?: boolean;
  /** How long to wait for another writer to close the archive. */
  lockWaitMs?: number;
  /** Read the files only when `load()` is first called (a search answered from the index's
   *  catalog never needs them). A writer still takes the lock at open. */
  deferRead?: boolean;
}

type Pending =
  | { op: 'put'; coll: RecordCollection; record: { id: string } }
  | { op: 'del'; coll: RecordCollection; id: string }
  | { op: 'tags' }
  | { op: 'settings' }
  | { op: 'reset' };

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // awaited by callers; never an unhandled rejection
  return { promise, resolve, reject };
}

export class Store implements ArchiveFiles {
  readonly dataFile: string;
  readonly journalFile: string;
  readonly contentDir: string;
  readonly indexDir: string;
  readonly backupsDir: string;
  /** True when this open found no dossier.json: the caller seeds the archive. */
  created = false;
  /** Journal records written by this store (a group of concurrent edits counts once). */
  writes = 0;
  /** Snapshots written by this store. */
  snapshots = 0;
  /** Counts recorded changes, so a caller can tell whether a call changed anything. */
  changes = 0;

  private pending = new Map<string, Pending>();
  private batch: Batch | null = null;
  private inflight: Batch | null = null;
  private draining = false;
  private folding: Promise<void> | null = null;
  private io: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The read of the files, once started (a deferred read-only store starts it in load()). */
  private reading: Promise<void> | null = null;
  private loaded = false;

  private constructor(
    readonly dir: string,
    readonly readOnly: boolean,
    private readonly db: Low<ArchiveData>,
    private readonly snapshot: SnapshotFile,
    private readonly lock: ArchiveLock | null,
    private writer: JournalWriter | null,
    /** The last journal record on disk. */
    public seq: number,
  ) {
    ({
      dataFile: this.dataFile,
      journalFile: this.journalFile,
      contentDir: this.contentDir,
      indexDir: this.indexDir,
      backupsDir: this.backupsDir,
    } = archiveFiles(dir));
  }

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    const { dataFile, journalFile } = archiveFiles(dir);
    const exists = existsSync(dataFile) || existsSync(journalFile);
    if (!exists && (readOnly || options.create === false)) {
      throw new ArchiveError(
        'not_found',
        `There is no archive at ${dir} (no dossier.json); create one with \`dossier init --archive ${dir}\`.`,
      );
    }
    if (!readOnly) {
      try {
        await fs.mkdir(path.join(dir, 'content'), { recursive: true });
      } catch (error) {
        throw new ArchiveError('io_error', `Cannot create the archive folder ${dir}: ${(error as Error).message}`);
      }
    }
    const lock = readOnly ? null : await acquireLock(dir, { waitMs: options.lockWaitMs });
    try {
      const snapshot = new SnapshotFile(dataFile);
      const db = new Low<ArchiveData>(snapshot, emptyArchiveData());
      const store = new Store(dir, readOnly, db, snapshot, lock, null, 0);
      store.created = !exists;
      if (!options.deferRead || !exists) await store.load();
      return store;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  get data(): ArchiveData {
    if (!this.loaded) throw new ArchiveError('internal', 'The archive was read before it was loaded.');
    return this.db.data;
  }

  /** Has a read of dossier.json wait for `wait` between its slices (searches first). */
  readBetween(wait: () => Promise<void>): void {
    this.snapshot.between = wait;
  }

  /** Reads the snapshot and the journal, once (at open, unless the open deferred it); a
   *  writer then opens the journal to append to. */
  load(): Promise<void> {
    this.reading ??= this.readOnly ? this.read().then(() => undefined) : this.readAsWriter();
    return this.reading;
  }

  private async read(): Promise<{ old: JournalContents | null; current: JournalContents | null }> {
    const journals = await readConsistently(
      this.db,
      this.dir,
      this.readOnly,
      pauseWith(() => this.snapshot.between()),
    );
    this.seq = this.db.data.seq;
    this.loaded = true;
    return journals;
  }

  private async readAsWriter(): Promise<void> {
    const journals = await this.read();
    this.snapshotBytes = (await fs.stat(this.dataFile).catch(() => null))?.size ?? 0;
    if (journals.old || this.created) {
      // A fold was cut short: finish it, so that only one journal is ever appended to.
      // (A new archive starts with an empty snapshot, so its folder reads as an archive.)
      await this.writeSnapshot(this.seq);
      await fs.rm(path.join(this.dir, 'journal.old'), { force: true });
      this.writer = await JournalWriter.open(this.journalFile, null);
      await syncDir(this.dir);
    } else {
      this.writer = await JournalWriter.open(this.journalFile, journals.current?.validBytes ?? null);
      // A snapshot from before seals (or edited by hand) was validated whole just now:
      // rewrite it in the background, sealed, so later opens need not validate it again.
      if (!this.snapshot.sealedOnRead) void this.fold().catch(() => undefined);
    }
  }

  // --- recording changes ----------------------------------------------------------------

  /** Records that a record was added or changed; its value is read when the journal is written. */
  put(coll: RecordCollection, record: { id: string }): void {
    this.record(`${coll}:${record.id}`, { op: 'put', coll, record });
  }

  /** Records that a record was removed. */
  drop(coll: RecordCollection, id: string): void {
    this.record(`${coll}:${id}`, { op: 'del', coll, id });
  }

  /** Records that the tag registry changed (it is written whole: it is small). */
  putTags(): void {
    this.record('tags', { op: 'tags' });
  }

  putSettings(): void {
    this.record('settings', { op: 'settings' });
  }

  /** Records that everything was replaced (a restore). */
  reset(): void {
    this.assertWritable();
    this.pending.clear();
    this.record('reset', { op: 'reset' });
  }

  /** Told the key of every change recorded (`items:<id>`, `tags`, `reset`, ...): sync sends only what changed. */
  readonly watchers = new Set<(key: string) => void>();

  private record(key: string, change: Pending): void {
    this.assertWritable();
    this.pending.delete(key);
    this.pending.set(key, change);
    this.changes += 1;
    for (const watch of this.watchers) watch(key);
    this.batch ??= newBatch();
    if (!this.draining) {
      this.draining = true;
      // After the caller's synchronous run, so that one call's changes share a record.
      setImmediate(() => void this.drain());
    }
  }

  /** Resolves once every change recorded so far is in a journal record on disk. */
  durable(): Promise<void> {
    if (this.batch) return this.batch.promise;
    return this.inflight?.promise ?? Promise.resolve();
  }

  /** True while changes wait for the journal. */
  get busy(): boolean {
    return this.pending.size > 0 || this.inflight !== null;
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && this.batch) {
      const pending = this.pending;
      const batch = this.batch;
      this.pending = new Map();
      this.batch = null;
      this.inflight = batch;
      const seq = this.seq + 1;
      try {
        const line = encodeRecord(
          JSON.stringify({ seq, at: new Date().toISOString(), changes: this.changesOf(pending) }),
        );
        // Bodies first: a record never reaches the disk before the files it refers to.
        await this.syncWritten();
        await this.exclusive(() => (this.writer as JournalWriter).append(line));
        this.seq = seq;
        this.writes += 1;
        batch.resolve();
      } catch (error) {
        batch.reject(
          new ArchiveError('io_error', `Cannot save the change to ${this.journalFile}: ${(error as Error).message}`),
        );
      } finally {
        this.inflight = null;
      }
    }
    this.draining = false;
    if (this.journalOutgrown()) void this.fold().catch(() => undefined);
  }

  private changesOf(pending: Map<string, Pending>): Change[] {
    const data = this.data;
    return [...pending.values()].map((p): Change => {
      switch (p.op) {
        case 'put':
          return { op: 'put', coll: p.coll, value: p.record } as Change;
        case 'del':
          return { op: 'del', coll: p.coll, id: p.id };
        case 'tags':
          return { op: 'tags', value: data.tags };
        case 'settings':
          return { op: 'settings', value: data.settings };
        case 'reset': {
          const { items, tags, notes, highlights, relations, settings } = data;
          return { op: 'reset', value: { items, tags, notes, highlights, relations, settings } };
        }
      }
    });
  }

  /** Runs journal file operations one at a time (appends and the rotation of a fold). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.io.then(fn, fn);
    this.io = run.catch(() => undefined);
    return run;
  }

  // --- the snapshot ---------------------------------------------------------------------

  private snapshotBytes = 0;

  /** True once the journal is worth folding into the snapshot (so the next open replays little). */
  private journalOutgrown(): boolean {
    return (this.writer?.bytes ?? 0) > Math.max(FOLD_MIN_BYTES, this.snapshotBytes / 5);
  }

  /**
   * Folds the journal into a fresh snapshot: the journal is set aside (edits go on into a
   * new one), the snapshot is written in slices, and once every edit it may hold is durable
   * it replaces dossier.json; then the old journal goes. A crash at any step replays cleanly.
   */
  fold(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    this.folding ??= this.maintain(async () => {
      try {
        const old = path.join(this.dir, 'journal.old');
        const seq = await this.exclusive(async () => {
          const writer = this.writer as JournalWriter;
          await writer.close();
          await fs.rename(this.journalFile, old);
          this.writer = await JournalWriter.open(this.journalFile, null);
          return this.seq;
        });
        await this.writeSnapshot(seq);
        await fs.rm(old, { force: true });
        await syncDir(this.dir);
      } finally {
        this.folding = null;
      }
    });
    return this.folding;
  }

  /**
   * Copies the state on disk (snapshot and journal) into `target`, a folder laid out like an
   * archive: a fold never runs meanwhile (a snapshot is consistent only with its journal),
   * and the journal is copied between appends. Returns the journal position it holds.
   */
  copyStateTo(target: string): Promise<number> {
    return this.maintain(async () => {
      if (existsSync(this.dataFile)) await fs.copyFile(this.dataFile, path.join(target, 'dossier.json'));
      return this.exclusive(async () => {
        if (!this.readOnly) await fs.copyFile(this.journalFile, path.join(target, 'journal'));
        return this.seq;
      });
    });
  }

  /** Runs folds and state copies one at a time. */
  private maintain<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.maintenance.then(fn, fn);
    this.maintenance = run.catch(() => undefined);
    return run;
  }

  private maintenance: Promise<unknown> = Promise.resolve();

  private async writeSnapshot(seq: number): Promise<void> {
    this.snapshot.next = { seq, beforeRename: () => this.durable() };
    try {
      await this.db.write();
      this.snapshots += 1;
      this.snapshotBytes = (await fs.stat(this.dataFile)).size;
    } catch (error) {
      throw new ArchiveError('io_error', `Cannot save ${this.dataFile}: ${(error as Error).message}`);
    }
  }

  /** Resolves when every change so far is durable (kept for callers that say "flush"). */
  async flush(): Promise<void> {
    if (this.readOnly) return;
    await this.durable();
  }

  /** `last` runs once every edit is durable and the journal closed, while the lock is
   *  still held: no other writer can have changed the files it looks at. */
  async close(last?: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    try {
      // A read under way finishes first: a writer's opens the journal, which is closed below.
      await this.reading?.catch(() => undefined);
      if (!this.readOnly) {
        await this.durable();
        await this.folding;
        // A large journal is folded now, so the next open replays little; a small one stays.
        if (this.journalOutgrown()) await this.fold();
        await this.exclusive(async () => this.writer?.close());
        await last?.();
      }
    } finally {
      this.closed = true;
      await this.lock?.release();
    }
  }

  // --- bodies -------------------------------------------------------------------------

  /** The body file of item `id`; refuses an id that is not an archive id (it could leave content/). */
  contentPath(id: string, ext: 'html' | 'txt'): string {
    return path.join(this.contentDir, `${assertItemId(id)}.${ext}`);
  }

  async readContent(id: string, ext: 'html' | 'txt'): Promise<string | null> {
    const file = this.contentPath(id, ext);
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ArchiveError('io_error', `Cannot read the body of item ${id}: ${(error as Error).message}`);
    }
  }

  /**
   * Writes a body file atomically (never a torn file) but without waiting for the disk:
   * the journal record that makes an item refer to it is appended only after every body
   * written so far is flushed, so many bodies share one round of fsyncs (see drain()).
   */
  async writeContent(id: string, ext: 'html' | 'txt', text: string): Promise<void> {
    this.assertWritable();
    const file = this.contentPath(id, ext);
    await writeFileAtomic(file, text, { syncFile: false, syncFolder: false });
    this.unsynced.add(file);
    this.unsyncedDirs.add(this.contentDir);
  }

  /** Files and folders written since the last journal record, to be flushed before the next. */
  private unsynced = new Set<string>();
  private unsyncedDirs = new Set<string>();

  private async syncWritten(): Promise<void> {
    if (this.unsynced.size === 0 && this.unsyncedDirs.size === 0) return;
    const files = [...this.unsynced];
    const dirs = [...this.unsyncedDirs];
    this.unsynced.clear();
    this.unsyncedDirs.clear();
    try {
      for (let i = 0; i < files.length; i += 32) await Promise.all(files.slice(i, i + 32).map(syncFile));
      await Promise.all(dirs.map((d) => syncDir(d)));
    } catch (error) {
      for (const f of files) this.unsynced.add(f);
      for (const d of dirs) this.unsyncedDirs.add(d);
      throw error;
    }
  }

  /** The folder of an item's images. */
  assetsDir(id: string): string {
    return path.join(this.contentDir, assertItemId(id));
  }

  assetPath(id: string, name: string): string {
    if (!ASSET_NAME.test(name))
      throw new ArchiveError('invalid_argument', `“${name.slice(0, 60)}” is not the name of a stored image.`);
    return path.join(this.assetsDir(id), name);
  }

  /** Stores an item's images (written once: a name is the hash of its bytes). */
  async writeAssets(id: string, images: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<void> {
    this.assertWritable();
    if (images.length === 0) return;
    await fs.mkdir(this.assetsDir(id), { recursive: true });
    for (const image of images) {
      const file = this.assetPath(id, image.name);
      await writeFileAtomic(file, image.bytes, { syncFile: false, syncFolder: false });
      this.unsynced.add(file);
    }
    this.unsyncedDirs.add(this.assetsDir(id));
    this.unsyncedDirs.add(this.contentDir);
  }

  async readAsset(id: string, name: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(this.assetPath(id, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ArchiveError('io_error', `Cannot read an image of item ${id}: ${(error as Error).message}`);
    }
  }

  /** Drops an item's HTML body (its text stays): a page fetched again may have none. */
  async removeHtml(id: string): Promise<void> {
    this.assertWritable();
    await fs.rm(this.contentPath(id, 'html'), { force: true });
  }

  async removeContent(id: string): Promise<void> {
    this.assertWritable();
    await Promise.all([
      fs.rm(this.contentPath(id, 'html'), { force: true }),
      fs.rm(this.contentPath(id, 'txt'), { force: true }),
      fs.rm(this.assetsDir(id), { recursive: true, force: true }),
    ]);
  }

  private assertWritable(): void {
    if (this.readOnly) throw new ArchiveError('internal', 'This archive was opened read-only.');
    if (this.closed) throw new ArchiveError('internal', 'This archive is closed.');
  }
}

/**
 * Reads the snapshot and the journals and replays them. Without the lock, a writer may fold
 * between our reads; the records' sequence numbers show it (a gap), and the read is retried.
 */
async function readConsistently(
  db: Low<ArchiveData>,
  dir: string,
  readOnly: boolean,
  pause: () => Promise<void>,
): Promise<{ old: JournalContents | null; current: JournalContents | null }> {
  for (let attempt = 1; ; attempt++) {
    await db.read();
    const old = await readJournal(path.join(dir, 'journal.old'), pause);
    const current = await readJournal(path.join(dir, 'journal'), pause);
    const records = [...(old?.records ?? []), ...(current?.records ?? [])].filter((r) => r.seq > db.data.seq);
    const gapAt = records.findIndex((r, i) => r.seq !== db.data.seq + 1 + i);
    if (gapAt < 0) {
      await replayInTurns(db.data, records, pause);
      await shareItemValues(db.data.items, pause);
      return { old, current };
    }
    if (readOnly && attempt < CONSISTENT_READ_TRIES) {
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    throw new ArchiveError(
      'corrupt_archive',
      `The journal of ${dir} is missing edits (record ${db.data.seq + 1 + gapAt} is absent); it was left untouched — list backups with \`dossier backups\` and restore one with \`dossier restore <id>\`.`,
    );
  }
}

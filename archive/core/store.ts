// The archive folder on disk: exactly one lowdb instance over dossier.json (metadata),
// content/<id>.{html,txt} (bodies), backups/ and the writer's lock. A burst of changes is
// folded into one compact, atomic write; `flush()` resolves once everything is on disk.

import { promises as fs, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { CompactJsonFile } from './compact-json-file';
import { emptyArchiveData, type ArchiveData } from './model';
import { acquireLock, type ArchiveLock } from './lock';
import { writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';
import { assertItemId } from './ids';

const BACKUPS_KEPT = 5;
/** How long a change waits for others to join it in one write. */
const WRITE_DELAY_MS = 25;

export interface StoreOptions {
  /** Read-only stores take no lock and never write. */
  readOnly?: boolean;
}

export class Store {
  readonly dataFile: string;
  readonly contentDir: string;
  readonly indexDir: string;
  readonly backupsDir: string;
  /** True when this open found no dossier.json: the caller seeds the archive. */
  created = false;
  /** How many times dossier.json has been written by this store (a burst counts once). */
  writes = 0;

  private constructor(
    readonly dir: string,
    readonly readOnly: boolean,
    private readonly db: Low<ArchiveData>,
    private readonly lock: ArchiveLock | null,
  ) {
    this.dataFile = path.join(dir, 'dossier.json');
    this.contentDir = path.join(dir, 'content');
    this.indexDir = path.join(dir, 'index');
    this.backupsDir = path.join(dir, 'backups');
  }

  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    const dataFile = path.join(dir, 'dossier.json');
    if (readOnly && !existsSync(dataFile)) {
      throw new ArchiveError('not_found', `There is no archive at ${dir} (no dossier.json).`);
    }
    if (!readOnly) {
      try {
        mkdirSync(path.join(dir, 'content'), { recursive: true });
      } catch (error) {
        throw new ArchiveError('io_error', `Cannot create the archive folder ${dir}: ${(error as Error).message}`);
      }
    }
    const lock = readOnly ? null : acquireLock(dir);
    try {
      const db = new Low<ArchiveData>(new CompactJsonFile(dataFile), emptyArchiveData());
      await db.read();
      const store = new Store(dir, readOnly, db, lock);
      if (!readOnly) {
        store.created = !existsSync(dataFile);
        if (!store.created) await store.backup();
      }
      return store;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get data(): ArchiveData {
    return this.db.data;
  }

  /** Records that data changed; the write follows shortly, folded with any others. */
  changed(): void {
    this.assertWritable();
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeNow();
    }, WRITE_DELAY_MS);
  }

  /** Resolves when every change recorded so far is on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writeNow();
  }

  private writeNow(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.db.write();
        this.writes += 1;
      } catch (error) {
        this.dirty = true;
        throw new ArchiveError('io_error', `Cannot save ${this.dataFile}: ${(error as Error).message}`);
      }
    });
    return this.writing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.readOnly) await this.flush();
    this.closed = true;
    this.lock?.release();
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

  async writeContent(id: string, ext: 'html' | 'txt', text: string): Promise<void> {
    this.assertWritable();
    await writeFileAtomic(this.contentPath(id, ext), text);
  }

  async removeContent(id: string): Promise<void> {
    this.assertWritable();
    await Promise.all([fs.rm(this.contentPath(id, 'html'), { force: true }), fs.rm(this.contentPath(id, 'txt'), { force: true })]);
  }

  // --- backups ------------------------------------------------------------------------

  /** Keeps the last few versions of dossier.json as they were when an archive was opened. */
  private async backup(): Promise<void> {
    await fs.mkdir(this.backupsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await fs.copyFile(this.dataFile, path.join(this.backupsDir, `dossier-${stamp}.json`));
    const kept = (await fs.readdir(this.backupsDir)).filter((f) => /^dossier-.*\.json$/.test(f)).sort();
    await Promise.all(kept.slice(0, -BACKUPS_KEPT).map((f) => fs.rm(path.join(this.backupsDir, f), { force: true })));
  }

  private assertWritable(): void {
    if (this.readOnly) throw new ArchiveError('internal', 'This archive was opened read-only.');
    if (this.closed) throw new ArchiveError('internal', 'This archive is closed.');
  }
}

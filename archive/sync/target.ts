// Where sync files go: a folder another program keeps in step (Syncthing, Dropbox, iCloud
// Drive, OneDrive, Nextcloud) or a WebDAV server. Paths are '/'-separated and relative to
// the target's root. A write is whole or absent for readers (temporary file, then rename).

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-file';

export interface SyncTarget {
  /** What a person calls it (a folder path or a URL without credentials). */
  readonly label: string;
  /** The names in a folder of the target (files and folders); [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** A file's bytes; null when it does not exist. */
  read(file: string): Promise<Uint8Array | null>;
  /** Writes a whole file (creating folders on the way). */
  write(file: string, bytes: Uint8Array): Promise<void>;
  remove(file: string): Promise<void>;
  /** Counts bytes written, for the figures. */
  bytesWritten: number;
}

/** A local folder. Temporary files start with a dot, so readers (and we) skip them. */
export class FolderTarget implements SyncTarget {
  bytesWritten = 0;

  constructor(readonly root: string) {}

  get label(): string {
    return this.root;
  }

  private resolve(file: string): string {
    const full = path.resolve(this.root, ...file.split('/'));
    if (full !== this.root && !full.startsWith(this.root + path.sep))
      throw new Error(`“${file}” is outside the sync folder.`);
    return full;
  }

  async list(dir: string): Promise<string[]> {
    try {
      return await fs.readdir(this.resolve(dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async read(file: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(this.resolve(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return null;
      throw error;
    }
  }

  async write(file: string, bytes: Uint8Array): Promise<void> {
    const full = this.resolve(file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await writeFileAtomic(full, bytes);
    this.bytesWritten += bytes.length;
  }

  async remove(file: string): Promise<void> {
    await fs.rm(this.resolve(file), { force: true });
  }
}

// lowdb adapter for dossier.json: compact JSON written atomically. Reading a file that is
// not valid JSON throws a corrupt_archive error and leaves the file exactly as it was.

import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import type { ArchiveData } from './model';
import { migrate } from './migrations';
import { writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';

export class CompactJsonFile implements Adapter<ArchiveData> {
  constructor(readonly file: string) {}

  async read(): Promise<ArchiveData | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ArchiveError('io_error', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ArchiveError(
        'corrupt_archive',
        `${this.file} is not valid JSON (${(error as Error).message}); it was left untouched — restore it from backups/ or repair it.`,
      );
    }
    return migrate(raw);
  }

  async write(data: ArchiveData): Promise<void> {
    // Compact on purpose: pretty-printing a 10,000-item archive costs tens of milliseconds per edit.
    await writeFileAtomic(this.file, JSON.stringify(data));
  }
}

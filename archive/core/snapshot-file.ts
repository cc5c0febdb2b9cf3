// lowdb adapter for dossier.json, the snapshot. Reading strips a byte-order mark, parses,
// migrates and validates; a file that fails is left exactly as it was and named in one line.
// Writing streams compact JSON a slice of records at a time, so a 50,000-item snapshot
// never holds the thread that answers requests for more than a millisecond or two, and is
// atomic and durable (temporary file, fsync, rename, fsync of the folder).

import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import type { ArchiveData } from './model';
import { migrate } from './migrations';
import { writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';

/** Records serialised between two yields to the event loop. */
const SLICE = 250;

export interface SnapshotWrite {
  /** The journal record the snapshot is stamped with (it may hold later edits too). */
  seq: number;
  /** Runs after the bytes are on disk and before the rename makes them the snapshot. */
  beforeRename?: () => Promise<void>;
}

export class SnapshotFile implements Adapter<ArchiveData> {
  /** Set by the store before each write. */
  next: SnapshotWrite = { seq: 0 };

  constructor(readonly file: string) {}

  async read(): Promise<ArchiveData | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ArchiveError('io_error', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    return parseSnapshot(text);
  }

  async write(data: ArchiveData): Promise<void> {
    await writeFileAtomic(this.file, serialiseSnapshot(data, this.next.seq), { beforeRename: this.next.beforeRename });
  }
}

export function parseSnapshot(text: string, name = 'dossier.json'): ArchiveData {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ArchiveError(
      'corrupt_archive',
      `${name} is not valid JSON (${(error as Error).message}); it was left untouched — list backups with \`dossier backups\` and restore one with \`dossier restore <id>\`.`,
    );
  }
  return migrate(raw, {
    name,
    remedy: 'it was left untouched; list backups with `dossier backups` and restore one with `dossier restore <id>`',
  });
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Compact JSON of `data` stamped `seq`, in slices, yielding to the event loop between them. */
export async function* serialiseSnapshot(data: ArchiveData, seq: number): AsyncGenerator<string> {
  yield `{"version":${JSON.stringify(data.version)},"seq":${seq}`;
  for (const key of ['items', 'notes', 'highlights', 'relations', 'tags'] as const) {
    const list: unknown[] = data[key];
    yield `,${JSON.stringify(key)}:[`;
    for (let i = 0; i < list.length; i += SLICE) {
      const part = JSON.stringify(list.slice(i, i + SLICE));
      yield (i > 0 ? ',' : '') + part.slice(1, -1);
      await yieldToLoop();
    }
    yield ']';
  }
  yield `,"settings":${JSON.stringify(data.settings)}}`;
}

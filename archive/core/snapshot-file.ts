// lowdb adapter for dossier.json, the snapshot. Reading strips a byte-order mark, parses,
// migrates and validates (a snapshot whose seal shows it is exactly as Dossier wrote it is
// not validated again, and is parsed in slices: snapshot-seal.ts, snapshot-slices.ts); a
// file that fails is left as it was and named in one line.
// Writing streams compact JSON a slice of records at a time, so a 50,000-item snapshot
// never holds the thread that answers requests for more than a millisecond or two, and is
// atomic and durable (temporary file, fsync, rename, fsync of the folder).

import { promises as fs } from 'node:fs';
import type { Adapter } from 'lowdb';
import { ARCHIVE_VERSION, type ArchiveData } from './model';
import { migrate } from './migrations';
import { writeFileAtomic } from './atomic-file';
import { ArchiveError } from './errors';
import { hasValidSeal, sealed, SEAL_KEY } from './snapshot-seal';
import { parseSealedInSlices } from './snapshot-slices';
import { nextTurn } from '../search/next-turn';

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
  /** Whether the last read found the file sealed (a writer seals an unsealed one by folding). */
  sealedOnRead = false;
  /** Awaited between the slices of a sealed file's read (see parseSealedInSlices). */
  between: () => Promise<void> = () => Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<ArchiveData | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ArchiveError('io_error', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    // A snapshot as Dossier sealed it is read in slices, between which the thread answers
    // searches; any other is read whole, and validated.
    const sliced = await parseSealedInSlices(bytes, this.between);
    this.sealedOnRead = sliced !== null && isCurrentShape(sliced);
    if (this.sealedOnRead) return sliced as unknown as ArchiveData;
    this.sealedOnRead = hasValidSeal(bytes);
    return parseSnapshot(bytes.toString('utf8'), 'dossier.json', this.sealedOnRead);
  }

  async write(data: ArchiveData): Promise<void> {
    await writeFileAtomic(this.file, serialiseSnapshot(data, this.next.seq), { beforeRename: this.next.beforeRename });
  }
}

/** `sealed`: the bytes carry a matching seal, so the schema's verdict is known already. */
export function parseSnapshot(text: string, name = 'dossier.json', sealed = false): ArchiveData {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ArchiveError(
      'corrupt_archive',
      `${name} is not valid JSON (${(error as Error).message}); it was left untouched — list backups with \`dossier backups\` and restore one with \`dossier restore <id>\`.`,
    );
  }
  if (sealed && isCurrentShape(raw)) {
    delete raw[SEAL_KEY];
    return raw as unknown as ArchiveData;
  }
  return migrate(raw, {
    name,
    remedy: 'it was left untouched; list backups with `dossier backups` and restore one with `dossier restore <id>`',
  });
}

/** The few facts a sealed snapshot is still checked for: it is of this version and holds its collections. */
function isCurrentShape(raw: unknown): raw is Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const data = raw as Record<string, unknown>;
  if (data.version !== ARCHIVE_VERSION || !Number.isInteger(data.seq) || (data.seq as number) < 0) return false;
  if (data.settings === null || typeof data.settings !== 'object' || Array.isArray(data.settings)) return false;
  return (['items', 'tags', 'notes', 'highlights', 'relations'] as const).every((k) => Array.isArray(data[k]));
}

/** Compact JSON of `data` stamped `seq` and sealed, in slices, yielding to the event loop between them. */
export function serialiseSnapshot(data: ArchiveData, seq: number): AsyncGenerator<string> {
  return sealed(snapshotBody(data, seq));
}

/** Compact JSON of `data` as it stands (no seal), in slices, yielding to the event loop between them. */
export async function* compactArchiveJson(data: ArchiveData): AsyncGenerator<string> {
  yield* snapshotBody(data, data.seq);
  yield '}';
}

/** The snapshot's members, without the closing brace (the seal closes it). */
async function* snapshotBody(data: ArchiveData, seq: number): AsyncGenerator<string> {
  yield `{"version":${JSON.stringify(data.version)},"seq":${seq}`;
  for (const key of ['items', 'notes', 'highlights', 'relations', 'tags'] as const) {
    const list: unknown[] = data[key];
    yield `,${JSON.stringify(key)}:[`;
    for (let i = 0; i < list.length; i += SLICE) {
      const part = JSON.stringify(list.slice(i, i + SLICE));
      yield (i > 0 ? ',' : '') + part.slice(1, -1);
      await nextTurn();
    }
    yield ']';
  }
  yield `,"settings":${JSON.stringify(data.settings)}`;
}

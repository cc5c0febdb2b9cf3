// The index's catalog: what the search engine knows of every item (its SearchMeta), saved in
// index/ when a writer closes the archive, stamped with the exact state of the files it was
// made from (the snapshot's size and seal, the journal's size and last bytes). A reader that
// finds the archive in that state opens the engine from the catalog and answers a search
// without reading dossier.json; any other state (an edit since, a fold under way, a torn
// journal, a file from elsewhere) reads the archive as before. It is a cache: damage, a
// foreign catalog or a failed write costs speed, never an answer from the wrong state.

import { promises as fs, closeSync, existsSync, openSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from './atomic-file';
import { ITEM_KINDS } from './model';
import { schemaStamp } from './snapshot-seal';
import type { SearchMeta } from '../search/types';

const FORMAT = 1;
const FILE = 'catalog';
/** The snapshot's seal lies in its last 80 bytes; a journal record ends with its checksum. */
const SNAPSHOT_TAIL = 96;
const JOURNAL_TAIL = 128;

/** The first line: what the catalog is of, and the byte length of the rows line after it. */
interface Header {
  format: number;
  schema: string;
  state: string;
  rowBytes: number;
}

export interface ArchiveFiles {
  dir: string;
  dataFile: string;
  journalFile: string;
  indexDir: string;
}

/** The metas saved for the archive's present state, or null (none, stale, damaged, foreign). */
export async function readCatalog(files: ArchiveFiles): Promise<SearchMeta[] | null> {
  const file = path.join(files.indexDir, FILE);
  try {
    const state = await filesState(files);
    if (!state) return null;
    const read = await withFile(file, async (handle) => {
      const header = await readHeader(handle);
      if (!header || !headerMatches(header.value, state)) return null;
      const rowBytes = header.value.rowBytes;
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(rowBytes), position: header.bytes });
      if (bytesRead !== rowBytes) return null;
      return { rows: JSON.parse(buffer.toString('utf8')) as unknown, textsFrom: header.bytes + rowBytes + 1 };
    });
    if (!read || !Array.isArray(read.rows) || !read.rows.every(isRow)) return null;
    const texts = new Texts(file, read.textsFrom, read.rows as Row[]);
    return read.rows.map((row, i) => new CatalogMeta(row, texts, i));
  } catch {
    return null;
  }
}

/** Saves `metas` as the catalog of the archive's present state (a writer, after its last
 *  edit is durable). Skipped when the saved one is of this state already. */
export async function writeCatalog(files: ArchiveFiles, metas: () => SearchMeta[]): Promise<void> {
  const state = await filesState(files);
  if (!state) return;
  const file = path.join(files.indexDir, FILE);
  if (headerMatches((await withFile(file, readHeader))?.value, state)) return;
  await fs.mkdir(files.indexDir, { recursive: true });
  const list = metas();
  const texts = list.map((m) => JSON.stringify([m.byline, m.notes, m.url ?? null, m.excerpt ?? '']));
  const rows = JSON.stringify(list.map((m, i) => rowOf(m, Buffer.byteLength(texts[i]))));
  const header: Header = { format: FORMAT, schema: schemaStamp(), state, rowBytes: Buffer.byteLength(rows) };
  // No fsync: after a crash a torn catalog fails to parse and the archive is read instead.
  await writeFileAtomic(file, [JSON.stringify(header), rows, ...texts].join('\n'), {
    syncFile: false,
    syncFolder: false,
  });
}

const NL = 0x0a;

/** What filters, sorts and hits read, for every item at open: the short fields. */
type Row = [
  id: string,
  kind: string,
  title: string,
  tags: string[],
  source: string | null,
  published: string | null,
  added: string,
  language: string,
  flags: number,
  stamp: string,
  /** The byte length of the item's line of long fields. */
  textBytes: number,
];

const NOTES = 1;
const HIGHLIGHTS = 2;
const UNREAD = 4;
const ARCHIVED = 8;
const FAVOURITE = 16;

function rowOf(m: SearchMeta, textBytes: number): Row {
  const flags =
    (m.hasNotes ? NOTES : 0) |
    (m.hasHighlights ? HIGHLIGHTS : 0) |
    (m.unread ? UNREAD : 0) |
    (m.archived ? ARCHIVED : 0) |
    (m.favourite ? FAVOURITE : 0);
  return [m.id, m.kind, m.title, m.tags, m.source, m.published, m.added, m.language, flags, m.stamp, textBytes];
}

/** The long fields (byline, notes, address, description), one JSON line per item, read
 *  from the file only for the items a search shows or indexes again. */
class Texts {
  private readonly starts: Float64Array;
  private readonly lengths: Int32Array;
  /** The last line read: a meta's four fields are usually asked for together. */
  private last: { at: number; value: TextFields } | null = null;

  constructor(
    private readonly file: string,
    from: number,
    rows: Row[],
  ) {
    this.starts = new Float64Array(rows.length);
    this.lengths = new Int32Array(rows.length);
    let at = from;
    for (let i = 0; i < rows.length; i++) {
      this.starts[i] = at;
      this.lengths[i] = rows[i][10];
      at += rows[i][10] + 1;
    }
  }

  get(i: number): TextFields {
    if (this.last?.at === i) return this.last.value;
    const value = this.read(i);
    this.last = { at: i, value };
    return value;
  }

  private read(i: number): TextFields {
    try {
      const bytes = Buffer.alloc(this.lengths[i]);
      const fd = openSync(this.file, 'r');
      try {
        readSync(fd, bytes, 0, bytes.length, this.starts[i]);
      } finally {
        closeSync(fd);
      }
      const t: unknown = JSON.parse(bytes.toString('utf8'));
      if (Array.isArray(t) && strOrNull(t[0]) && str(t[1]) && strOrNull(t[2]) && str(t[3])) return t as TextFields;
    } catch {
      // a damaged line, or a catalog replaced since: the item is shown by its short fields
    }
    return [null, '', null, ''];
  }
}

type TextFields = [byline: string | null, notes: string, url: string | null, excerpt: string];

/** A SearchMeta read from the catalog; its long fields are read when first asked for. */
class CatalogMeta implements SearchMeta {
  id: string;
  kind: SearchMeta['kind'];
  title: string;
  tags: string[];
  source: string | null;
  published: string | null;
  added: string;
  language: string;
  hasNotes: boolean;
  hasHighlights: boolean;
  unread: boolean;
  archived: boolean;
  favourite: boolean;
  stamp: string;

  constructor(
    row: Row,
    private readonly texts: Texts,
    private readonly at: number,
  ) {
    [this.id, , this.title, this.tags, this.source, this.published, this.added, this.language, , this.stamp] = row;
    this.kind = row[1] as SearchMeta['kind'];
    const flags = row[8];
    this.hasNotes = (flags & NOTES) !== 0;
    this.hasHighlights = (flags & HIGHLIGHTS) !== 0;
    this.unread = (flags & UNREAD) !== 0;
    this.archived = (flags & ARCHIVED) !== 0;
    this.favourite = (flags & FAVOURITE) !== 0;
  }

  get byline(): string | null {
    return this.texts.get(this.at)[0];
  }
  get notes(): string {
    return this.texts.get(this.at)[1];
  }
  get url(): string | null {
    return this.texts.get(this.at)[2];
  }
  get excerpt(): string {
    return this.texts.get(this.at)[3];
  }
}

function headerMatches(header: unknown, state: string): header is Header {
  const h = header as Partial<Header> | null | undefined;
  return (
    !!h &&
    h.format === FORMAT &&
    h.schema === schemaStamp() &&
    h.state === state &&
    Number.isInteger(h.rowBytes) &&
    (h.rowBytes as number) > 0
  );
}

/** `fn` over `file` opened for reading, closed after; null when the file cannot be opened. */
async function withFile<T>(file: string, fn: (handle: FileHandle) => Promise<T>): Promise<T | null> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** The first line, parsed, and how many bytes it takes with its line end. */
async function readHeader(handle: FileHandle): Promise<{ value: unknown; bytes: number } | null> {
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(512), position: 0 });
    const lineEnd = buffer.subarray(0, bytesRead).indexOf(NL);
    return lineEnd < 0 ? null : { value: JSON.parse(buffer.toString('utf8', 0, lineEnd)), bytes: lineEnd + 1 };
  } catch {
    return null;
  }
}

/**
 * The archive's files as a short string that changes with any edit: every edit appends to
 * the journal (its size and last record change) and every fold rewrites the snapshot (its
 * seal holds a checksum of all of it). Null while a fold is under way (journal.old).
 */
async function filesState(files: ArchiveFiles): Promise<string | null> {
  if (existsSync(path.join(files.dir, 'journal.old'))) return null;
  const snapshot = await tailOf(files.dataFile, SNAPSHOT_TAIL);
  if (!snapshot) return null;
  const journal = await tailOf(files.journalFile, JOURNAL_TAIL);
  return [snapshot.size, crc32(snapshot.tail), journal?.size ?? 0, journal ? crc32(journal.tail) : 0].join(':');
}

function tailOf(file: string, bytes: number): Promise<{ size: number; tail: Buffer } | null> {
  return withFile(file, async (handle) => {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const { buffer } = await handle.read({ buffer: Buffer.alloc(length), position: size - length });
    return { size, tail: buffer };
  });
}

const KINDS = new Set<string>(ITEM_KINDS);
const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || typeof v === 'string';

/** The shape of a row, checked field by field (the catalog is a file on disk, so it is
 *  read like any other: a bad one is ignored, never indexed). */
function isRow(value: unknown): value is Row {
  if (!Array.isArray(value) || value.length !== 11) return false;
  const [id, kind, title, tags, source, published, added, language, flags, stamp, textBytes] = value as unknown[];
  return (
    str(id) &&
    str(kind) &&
    KINDS.has(kind as string) &&
    str(title) &&
    Array.isArray(tags) &&
    tags.every(str) &&
    strOrNull(source) &&
    strOrNull(published) &&
    str(added) &&
    str(language) &&
    Number.isInteger(flags) &&
    str(stamp) &&
    Number.isInteger(textBytes) &&
    (textBytes as number) >= 0
  );
}

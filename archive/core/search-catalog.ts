// The index's catalog: what the search engine knows of every item (its SearchMeta), saved in
// index/ when a writer closes the archive, stamped with the exact state of the files it was
// made from (the snapshot's size and seal, the journal's size and last bytes). A reader that
// finds the archive in that state opens the engine from the catalog and answers a search
// without reading dossier.json; any other state (an edit since, a fold under way, a torn
// journal, a file from elsewhere) reads the archive as before. It is a cache: damage, a
// foreign catalog or a failed write costs speed, never an answer from the wrong state.

import { promises as fs, existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { ArchiveFiles } from './archive-files';
import { writeFileAtomic } from './atomic-file';
import { crc32After } from './crc';
import { ITEM_KINDS } from './item-kinds';
import { CatalogColumns, catalogSections, inSegmentOrder, longFieldsLine } from './catalog-columns';
import { decodeSections, FILE_VERSION, sectionParts } from '../search/sections-file';
import type { ItemColumns } from '../search/item-columns';
import type { SearchMeta, StoredLayout } from '../search/types';

/** Bump when the layout or what a SearchMeta is made of changes: an older catalog is then
 *  ignored (and the archive read instead) rather than misread. */
const FORMAT = 3;
const KIND = 'dossier-catalog';
const FILE = 'catalog';
/** The snapshot's seal lies in its last 80 bytes; a journal record ends with its checksum. */
const SNAPSHOT_TAIL = 96;
const JOURNAL_TAIL = 128;
const NL = 0x0a;
/** Bytes of long fields' lines written at a time. */
const WRITE_BYTES = 1 << 20;

/** The files a catalog is of (a Store is one). */
type CatalogFiles = Pick<ArchiveFiles, 'dir' | 'dataFile' | 'journalFile' | 'indexDir'>;

/** The first line: what the catalog is of, and the length and checksum of the columns after it. */
interface Header {
  format: number;
  /** The version of the layout the columns are encoded in (segment-file.ts), which a
   *  catalog of another cannot be read in. */
  sections: number;
  state: string;
  /** The checksum of the index manifest the placement is of (null: none saved). */
  index: number | null;
  bodyBytes: number;
  crc: number;
}

/** The items saved for the archive's present state, or null (none, stale, damaged, foreign). */
export async function readCatalog(files: CatalogFiles): Promise<ItemColumns | null> {
  const file = path.join(files.indexDir, FILE);
  try {
    const state = await filesState(files);
    if (!state) return null;
    return await withFile(file, async (handle) => {
      const header = await readHeader(handle);
      if (!header || !headerMatches(header.value, state)) return null;
      const { bodyBytes, crc } = header.value;
      const body = Buffer.alloc(bodyBytes);
      const { bytesRead } = await handle.read({ buffer: body, position: header.bytes });
      if (bytesRead !== bodyBytes || crc32(body) !== crc) return null;
      const { text, arrays } = decodeSections(body, KIND);
      return CatalogColumns.from(text, arrays, { file, textsFrom: header.bytes + bodyBytes + 1 }, ITEM_KINDS);
    });
  } catch {
    return null;
  }
}

/** Saves `metas` as the catalog of the archive's present state (a writer, after its last
 *  edit is durable). Skipped when the saved one is of this state already. */
export async function writeCatalog(
  files: CatalogFiles,
  metas: () => SearchMeta[],
  layout: StoredLayout | null = null,
): Promise<void> {
  const state = await filesState(files);
  if (!state) return;
  const file = path.join(files.indexDir, FILE);
  const saved = (await withFile(file, readHeader))?.value;
  if (headerMatches(saved, state) && saved.index === (layout?.manifestCrc ?? null)) return;
  await fs.mkdir(files.indexDir, { recursive: true });
  const list = inSegmentOrder(metas(), layout);
  const sections = catalogSections(list, layout);
  if (!sections) return;
  const parts = sectionParts(KIND, sections.text, sections.arrays);
  let bodyBytes = 0;
  let crc = 0;
  for (const part of parts) {
    bodyBytes += part.length;
    crc = crc32After(crc, part);
  }
  const header: Header = {
    format: FORMAT,
    sections: FILE_VERSION,
    state,
    index: layout?.manifestCrc ?? null,
    bodyBytes,
    crc,
  };
  // Written in pieces, the long fields' lines made again a few at a time into one buffer:
  // joined, or kept from the columns' pass, they held tens of megabytes at 50,000 items,
  // at close, beside the whole archive's metadata.
  const write = async (handle: FileHandle) => {
    await handle.write(`${JSON.stringify(header)}\n`);
    for (const part of parts) await handle.write(part);
    await handle.write('\n');
    const out = new LineBuffer(handle);
    for (let i = 0; i < list.length; i++) await out.add(longFieldsLine(list[i]), i < list.length - 1);
    await out.flush();
  };
  // No fsync: after a crash a torn catalog fails its checksum and the archive is read instead.
  await writeFileAtomic(file, write, { syncFile: false, syncFolder: false });
}

/** Lines gathered into one reused buffer and written when it is full. */
class LineBuffer {
  private readonly buffer = Buffer.alloc(WRITE_BYTES);
  private used = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Adds `line`, and a line end after it when `more` lines follow. */
  async add(line: string, more: boolean): Promise<void> {
    const bytes = Buffer.byteLength(line) + (more ? 1 : 0);
    if (this.used + bytes > this.buffer.length) await this.flush();
    if (bytes > this.buffer.length) {
      await this.handle.write(more ? `${line}\n` : line);
      return;
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    if (more) this.buffer[this.used++] = NL;
  }

  async flush(): Promise<void> {
    if (this.used > 0) await this.handle.write(this.buffer, 0, this.used);
    this.used = 0;
  }
}

function headerMatches(header: unknown, state: string): header is Header {
  const h = header as Partial<Header> | null | undefined;
  return (
    !!h &&
    h.format === FORMAT &&
    h.sections === FILE_VERSION &&
    h.state === state &&
    Number.isSafeInteger(h.bodyBytes) &&
    (h.bodyBytes as number) > 0 &&
    Number.isInteger(h.crc)
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
async function filesState(files: CatalogFiles): Promise<string | null> {
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

// The journal: edits since the snapshot as an append-only file of records, one line each,
// each line `<crc32> <json>` so that a torn or damaged line is recognised. Only the last
// line can be torn by a crash (it was never acknowledged) and is ignored; damage anywhere
// else refuses the archive rather than silently dropping acknowledged edits.

import { promises as fs } from 'node:fs';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { ArchiveData, Item, Note, Highlight, Relation, Tag, Settings, Id } from './model';
import { ArchiveError } from './errors';
import { describeSchemaIssue } from './schema-issue';
import { syncDir } from './atomic-file';
import path from 'node:path';

export const JOURNAL_VERSION = 1;
const HEADER = JSON.stringify({ format: 'dossier-journal', version: JOURNAL_VERSION });

/** The collections whose records have ids and change one by one. */
export const RECORD_COLLECTIONS = ['items', 'notes', 'highlights', 'relations'] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

/** Everything an archive holds, for a restore: the snapshot's shape without its stamps. */
const Everything = ArchiveData.omit({ version: true, seq: true });

/** One change: a record put whole or dropped, a registry replaced, or everything replaced. */
export const Change = z.union([
  z.object({ op: z.literal('put'), coll: z.literal('items'), value: Item }),
  z.object({ op: z.literal('put'), coll: z.literal('notes'), value: Note }),
  z.object({ op: z.literal('put'), coll: z.literal('highlights'), value: Highlight }),
  z.object({ op: z.literal('put'), coll: z.literal('relations'), value: Relation }),
  z.object({ op: z.literal('del'), coll: z.enum(RECORD_COLLECTIONS), id: Id }),
  z.object({ op: z.literal('tags'), value: z.array(Tag) }),
  z.object({ op: z.literal('settings'), value: Settings }),
  z.object({ op: z.literal('reset'), value: Everything }),
]);
export type Change = z.infer<typeof Change>;

export const JournalRecord = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  changes: z.array(Change),
});
export type JournalRecord = z.infer<typeof JournalRecord>;

export function encodeRecord(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

export interface JournalContents {
  records: JournalRecord[];
  /** Bytes up to the end of the last whole record: a writer cuts a torn tail here. */
  validBytes: number;
  torn: boolean;
}

const damaged = (file: string, what: string) =>
  new ArchiveError(
    'corrupt_archive',
    `The journal ${path.basename(file)} is damaged (${what}); it was left untouched — list backups with \`dossier backups\` and restore one with \`dossier restore <id>\`.`,
  );

/** Journal bytes read between two pauses: each record is checked against the schema, some
 *  3 ms' worth here. Read whole, the journal a 10,000-item archive may hold before it is
 *  folded held the thread some 60 ms after the first answer. */
const SLICE_BYTES = 32 * 1024;

/** Reads a journal file; null when there is none. Every SLICE_BYTES it awaits `pause` (a
 *  turn of the event loop, and whatever the store waits for between slices of its reads). */
export async function readJournal(
  file: string,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<JournalContents | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ArchiveError('io_error', `Cannot read ${file}: ${(error as Error).message}`);
  }
  const records: JournalRecord[] = [];
  let pos = 0;
  let line = 0;
  let validBytes = 0;
  let sliceFrom = 0;
  while (pos < bytes.length) {
    if (pos - sliceFrom >= SLICE_BYTES) {
      await pause();
      sliceFrom = pos;
    }
    const end = bytes.indexOf(0x0a, pos);
    const last = end < 0 || end === bytes.length - 1;
    const text = bytes.toString('utf8', pos, end < 0 ? bytes.length : end);
    line += 1;
    const parsed = line === 1 ? parseHeader(text) : parseRecord(text);
    if (parsed === 'bad' || end < 0) {
      // A crash can tear only the last line, and only a record (the header is synced alone).
      if (last && line > 1) return { records, validBytes, torn: true };
      if (line === 1 && bytes.length < HEADER.length + 1 && HEADER.startsWith(text))
        return { records, validBytes: 0, torn: true };
      throw damaged(file, line === 1 ? 'its first line is not a journal header' : `line ${line} is not a whole record`);
    }
    if (parsed !== 'header') {
      const previous = records.at(-1);
      if (previous && parsed.seq !== previous.seq + 1)
        throw damaged(file, `record ${parsed.seq} follows record ${previous.seq}`);
      records.push(parsed);
    }
    pos = end + 1;
    validBytes = pos;
  }
  return { records, validBytes, torn: false };
}

function parseHeader(text: string): 'header' | 'bad' {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return 'bad';
  }
  const h = header as { format?: unknown; version?: unknown };
  if (h?.format !== 'dossier-journal' || typeof h.version !== 'number') return 'bad';
  if (h.version > JOURNAL_VERSION) {
    throw new ArchiveError(
      'unsupported_version',
      `The journal was written by a newer Dossier (format ${h.version}). Update Dossier to open this archive.`,
    );
  }
  return 'header';
}

function parseRecord(text: string): JournalRecord | 'bad' {
  const space = text.indexOf(' ');
  if (space !== 8) return 'bad';
  const json = text.slice(9);
  if (crc32(json) !== Number.parseInt(text.slice(0, 8), 16)) return 'bad';
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return 'bad';
  }
  const parsed = JournalRecord.safeParse(raw);
  if (!parsed.success) {
    // Intact bytes (the checksum matched) that do not make a record: damage, not a tear.
    throw new ArchiveError(
      'corrupt_archive',
      `The journal holds a record that is not valid: ${describeSchemaIssue(parsed.error.issues[0])}.`,
    );
  }
  return parsed.data;
}

/** Appends records to a journal file; each append resolves once it is on disk. */
export class JournalWriter {
  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    public bytes: number,
  ) {}

  /** Opens `file` for appending, first cutting a torn tail at `validBytes`, or creates it. */
  static async open(file: string, validBytes: number | null): Promise<JournalWriter> {
    if (validBytes !== null && validBytes > 0) {
      const handle = await fs.open(file, 'r+');
      const { size } = await handle.stat();
      if (size > validBytes) {
        await handle.truncate(validBytes);
        await handle.sync();
      }
      await handle.close();
      return new JournalWriter(file, await fs.open(file, 'a'), validBytes);
    }
    const handle = await fs.open(file, 'w');
    await handle.write(`${HEADER}\n`);
    await handle.sync();
    await syncDir(path.dirname(file));
    return new JournalWriter(file, await fs.open(file, 'a').finally(() => handle.close()), HEADER.length + 1);
  }

  async append(text: string): Promise<void> {
    await this.handle.write(text);
    await this.handle.datasync();
    this.bytes += Buffer.byteLength(text);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

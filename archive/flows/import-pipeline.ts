// Imports many files at the pace of the disk and the import workers rather than one after
// another, with the outcome of a one-by-one import: files are read and parsed ahead (a
// bounded window, parsed on the import workers) and their drafts' bodies written ahead
// (without waiting for the disk), while items are added strictly in the order given, each
// checked for duplicates at that moment — so the summary, duplicates within one import and
// the order of items are what importing them one at a time gives. A body written for a draft
// that turns out to be a duplicate is removed. (Beside importing.ts: it orchestrates interop
// and core like it does.)

import type { Archive } from '../core/archive';
import type { ImportDraft, ParsedFile, SourceFile } from '../interop/types';
import type { ImportSummary } from '../core/reports';
import { commitItem, discardItemBodies, writeItemBodies, type WrittenItem } from '../core/items';
import { duplicateIndex } from '../core/duplicate-index';
import { textHash } from '../core/text-stats';
import { collectImages, type ImageSource } from '../interop/page-images';

/** Files read and parsed ahead of the one being added. */
const FILES_AHEAD = 64;
/** Files being read at once (their sizes are not known until they are read). */
const READS_AT_ONCE = 4;
/** Bytes of files read ahead and not yet added: a folder of big exports is not all held at once. */
const BYTES_AHEAD = 32 * 1024 * 1024;
/** Drafts whose bodies are being written at once. */
const WRITES_AT_ONCE = 16;

export type ImportEntry = SourceFile | { name: string; read: () => Promise<SourceFile>; images?: ImageSource };
export type ImportProgress = (done: number, total: number) => void;

/** A draft got ready: its bodies written, or the reason it stays out. */
type Staged =
  | { kind: 'written'; written: WrittenItem; hash: string | null }
  | { kind: 'duplicate'; hash: string | null }
  | { kind: 'failed'; reason: string };

/** A file read and parsed, its drafts being staged. */
interface StagedFile {
  parsed: ParsedFile;
  drafts: Array<Promise<Staged>>;
  bytes: number;
}

/** Runs at most `size` tasks at once, in the order they were asked for. */
class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** A promise whose rejection is handled later (when its turn comes), never reported as unhandled. */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function label(file: string, draft: ImportDraft, many: boolean): string {
  return many ? `${file} › ${draft.title || draft.url || 'entry'}` : file;
}

function firstLine(message: string): string {
  return (message || 'could not be read').split('\n')[0];
}

/** Gets a draft ready: left out at once if the archive already holds it, else its images kept and bodies written. */
async function stageDraft(archive: Archive, draft: ImportDraft, images: ImageSource, check = true): Promise<Staged> {
  const hash = textHash(draft.text);
  if (check && duplicateIndex(archive).duplicateOf(draft.url, hash)) return { kind: 'duplicate', hash };
  try {
    if (draft.html) {
      const kept = await collectImages(draft.html, draft.url, images);
      draft.html = kept.html;
      draft.images = kept.images;
    }
    return { kind: 'written', written: await writeItemBodies(archive, draft), hash };
  } catch (error) {
    return { kind: 'failed', reason: (error as Error).message };
  }
}

/** Adds a file's staged drafts in order; each is checked for duplicates again now that everything before it is in. */
async function commitFile(
  archive: Archive,
  file: string,
  staged: StagedFile,
  images: ImageSource,
): Promise<ImportSummary> {
  const { parsed } = staged;
  const summary: ImportSummary = {
    imported: [],
    skipped: parsed.skipped.map((s) => ({ file: `${file} › ${s.entry}`, reason: s.reason })),
  };
  const many = parsed.drafts.length > 1;
  const duplicates = duplicateIndex(archive);
  for (const [i, draft] of parsed.drafts.entries()) {
    let stage = await staged.drafts[i];
    const duplicate = stage.kind === 'failed' ? null : duplicates.duplicateOf(draft.url, stage.hash);
    if (duplicate) {
      if (stage.kind === 'written') await discardItemBodies(archive, stage.written);
      summary.skipped.push({
        file: label(file, draft, many),
        reason: `already in the archive as “${duplicate.title}”`,
      });
      continue;
    }
    // Its twin was removed meanwhile: it goes in after all.
    if (stage.kind === 'duplicate') stage = await stageDraft(archive, draft, images, false);
    if (stage.kind === 'failed') summary.skipped.push({ file: label(file, draft, many), reason: stage.reason });
    else if (stage.kind === 'written') {
      try {
        summary.imported.push(commitItem(archive, stage.written));
      } catch (error) {
        await discardItemBodies(archive, stage.written);
        summary.skipped.push({ file: label(file, draft, many), reason: (error as Error).message });
      }
    }
  }
  return summary;
}

/** Adds the drafts read from one file; the summary names each one left out and why. */
export async function importParsed(
  archive: Archive,
  file: string,
  parsed: ParsedFile,
  images: ImageSource = {},
): Promise<ImportSummary> {
  const writes = new Limiter(WRITES_AT_ONCE);
  const drafts = parsed.drafts.map((draft) => writes.run(() => stageDraft(archive, draft, images)));
  return commitFile(archive, file, { parsed, drafts, bytes: 0 }, images);
}

export interface ImportFilesOptions {
  parse: (file: SourceFile) => Promise<ParsedFile>;
  /** Bundles are imported whole, each in its turn (never read ahead: they can be large). */
  isBundle: (name: string) => boolean;
  importBundle: (file: SourceFile) => Promise<ImportSummary>;
  onProgress?: ImportProgress;
}

/** Imports `files` in order; one that cannot be read or parsed is named with its reason and the rest go in. */
export async function importInOrder(
  archive: Archive,
  files: readonly ImportEntry[],
  options: ImportFilesOptions,
): Promise<ImportSummary> {
  const total: ImportSummary = { imported: [], skipped: [] };
  const reads = new Limiter(READS_AT_ONCE);
  const writes = new Limiter(WRITES_AT_ONCE);
  const ahead = new Map<number, Promise<StagedFile>>();
  let bytesAhead = 0;
  let next = 0;

  const read = (entry: ImportEntry): Promise<SourceFile> => ('bytes' in entry ? Promise.resolve(entry) : entry.read());
  const imagesOf = (entry: ImportEntry): ImageSource => ('images' in entry ? (entry.images ?? {}) : {});
  const stageFile = async (entry: ImportEntry): Promise<StagedFile> => {
    const file = await reads.run(() => read(entry));
    const bytes = file.bytes.byteLength; // read before the bytes are handed to a worker
    bytesAhead += bytes;
    try {
      const parsed = await options.parse(file);
      const drafts = parsed.drafts.map((draft) => later(writes.run(() => stageDraft(archive, draft, imagesOf(entry)))));
      return { parsed, drafts, bytes };
    } catch (error) {
      bytesAhead -= bytes;
      throw error;
    }
  };
  const readAhead = (from: number) => {
    for (; next < files.length && next < from + FILES_AHEAD && (next === from || bytesAhead < BYTES_AHEAD); next++) {
      if (!options.isBundle(files[next].name)) ahead.set(next, later(stageFile(files[next])));
    }
  };

  for (let i = 0; i < files.length; i++) {
    readAhead(i);
    const entry = files[i];
    try {
      let result: ImportSummary;
      if (options.isBundle(entry.name)) result = await options.importBundle(await read(entry));
      else {
        const staged = await (ahead.get(i) as Promise<StagedFile>);
        try {
          result = await commitFile(archive, entry.name, staged, imagesOf(entry));
        } finally {
          bytesAhead -= staged.bytes;
        }
      }
      total.imported.push(...result.imported);
      total.skipped.push(...result.skipped);
    } catch (error) {
      total.skipped.push({ file: entry.name, reason: firstLine((error as Error).message) });
    } finally {
      ahead.delete(i);
    }
    options.onProgress?.(i + 1, files.length);
  }
  return total;
}

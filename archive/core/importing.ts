// Brings importer drafts into the archive: each becomes an item whole or not at all; a
// draft whose canonical URL or text the archive already holds is reported and skipped; a
// file or entry that cannot be read is named with its reason and the rest go in.

import type { Archive } from './archive';
import type { ImportDraft, ParsedFile, SourceFile } from '../interop/types';
import { addItem } from './items';
import { textHash } from './text-stats';
import { urlKey } from '../interop/canonical-url';
import { readBundle, type Bundle } from './bundle';
import { importBundle } from './bundle-import';
import { collectImages, type ImageSource } from '../interop/page-images';

/** A whole-archive bundle, written by `dossier export archive`. */
export function isBundle(name: string): boolean {
  return /\.dossier$/i.test(name);
}

import type { ImportSummary } from './reports';
export type { ImportSummary };

export type ImportProgress = (done: number, total: number) => void;

/** Remembers what the archive holds, so that duplicates are caught within one import too. */
class SeenItems {
  private urls = new Map<string, string>();
  private texts = new Map<string, string>();

  constructor(archive: Archive) {
    for (const item of archive.data.items) this.remember(item.url, item.textHash, item.title);
  }

  remember(url: string | null, hash: string | null, title: string): void {
    const key = urlKey(url);
    if (key) this.urls.set(key, title);
    if (hash) this.texts.set(hash, title);
  }

  duplicateOf(draft: ImportDraft): string | null {
    const key = urlKey(draft.url);
    if (key && this.urls.has(key)) return this.urls.get(key) as string;
    const hash = textHash(draft.text);
    return hash ? (this.texts.get(hash) ?? null) : null;
  }
}

function label(file: string, draft: ImportDraft, many: boolean): string {
  return many ? `${file} › ${draft.title || draft.url || 'entry'}` : file;
}

/** Where the images of imported pages may come from (the network, the page's folder), if anywhere. */
export type { ImageSource };

/** Adds the drafts read from one file; the summary names each one left out and why. */
export async function importDrafts(
  archive: Archive,
  file: string,
  parsed: ParsedFile,
  seen = new SeenItems(archive),
  images: ImageSource = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: [], skipped: parsed.skipped.map((s) => ({ file: `${file} › ${s.entry}`, reason: s.reason })) };
  const many = parsed.drafts.length > 1;
  for (const draft of parsed.drafts) {
    const duplicate = seen.duplicateOf(draft);
    if (duplicate) {
      summary.skipped.push({ file: label(file, draft, many), reason: `already in the archive as “${duplicate}”` });
      continue;
    }
    try {
      if (draft.html) {
        const kept = await collectImages(draft.html, draft.url, images);
        draft.html = kept.html;
        draft.images = kept.images;
      }
      summary.imported.push(await addItem(archive, draft));
      seen.remember(draft.url, textHash(draft.text), draft.title);
    } catch (error) {
      summary.skipped.push({ file: label(file, draft, many), reason: (error as Error).message });
    }
  }
  return summary;
}

/**
 * Reads and imports each file in turn with `parse` (bundles with `readBundleFile`, which
 * hosts run off their thread); one bad file never stops the rest.
 */
export async function importFiles(
  archive: Archive,
  files: Array<SourceFile | { name: string; read: () => Promise<SourceFile>; images?: ImageSource }>,
  parse: (file: SourceFile) => Promise<ParsedFile>,
  onProgress?: ImportProgress,
  readBundleFile: (file: SourceFile) => Promise<Bundle> = async (file) => readBundle(file.bytes),
): Promise<ImportSummary> {
  const total: ImportSummary = { imported: [], skipped: [] };
  const seen = new SeenItems(archive);
  let done = 0;
  for (const entry of files) {
    try {
      const file = 'bytes' in entry ? entry : await entry.read();
      const result = isBundle(file.name)
        ? await importBundle(archive, await readBundleFile(file))
        : await importDrafts(archive, entry.name, await parse(file), seen, 'images' in entry ? entry.images : {});
      if (isBundle(file.name)) for (const id of result.imported) seen.remember(archive.item(id).url, archive.item(id).textHash, archive.item(id).title);
      total.imported.push(...result.imported);
      total.skipped.push(...result.skipped);
    } catch (error) {
      total.skipped.push({ file: entry.name, reason: firstLine((error as Error).message) });
    }
    onProgress?.(++done, files.length);
  }
  return total;
}

function firstLine(message: string): string {
  return (message || 'could not be read').split('\n')[0];
}

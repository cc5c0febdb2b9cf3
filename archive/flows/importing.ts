// Brings importer drafts into the archive: each becomes an item whole or not at all; a
// draft whose canonical URL or text the archive already holds is reported and skipped; a
// file or entry that cannot be read is named with its reason and the rest go in.

import type { Archive } from '../core/archive';
import type { ParsedFile, SourceFile } from '../interop/types';
import type { ImageSource } from '../interop/page-images';
import { readBundle, type Bundle } from '../core/bundle';
import { importBundle } from './bundle-import';
import { importInOrder, importParsed, type ImportEntry, type ImportProgress } from './import-pipeline';

/** A whole-archive bundle, written by `dossier export archive`. */
export function isBundle(name: string): boolean {
  return /\.dossier$/i.test(name);
}

import type { ImportSummary } from '../core/reports';
export type { ImportSummary };

export type { ImportProgress };

/** Where the images of imported pages may come from (the network, the page's folder), if anywhere. */
export type { ImageSource };

/** Adds the drafts read from one file; the summary names each one left out and why. */
export function importDrafts(
  archive: Archive,
  file: string,
  parsed: ParsedFile,
  images: ImageSource = {},
): Promise<ImportSummary> {
  return importParsed(archive, file, parsed, images);
}

/**
 * Reads and imports the files with `parse` (bundles with `readBundleFile`, which hosts run
 * off their thread), as if one after another (see import-pipeline.ts); one bad file never
 * stops the rest.
 */
export function importFiles(
  archive: Archive,
  files: ImportEntry[],
  parse: (file: SourceFile) => Promise<ParsedFile>,
  onProgress?: ImportProgress,
  readBundleFile: (file: SourceFile) => Promise<Bundle> = async (file) => readBundle(file.bytes),
): Promise<ImportSummary> {
  return importInOrder(archive, files, {
    parse,
    isBundle,
    onProgress,
    importBundle: async (file) => importBundle(archive, await readBundleFile(file)),
  });
}

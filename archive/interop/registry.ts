// Every importer Dossier knows, in the order they are asked: formats recognised by their
// content (bookmark files, app exports) before the catch-all web page importer, so that an
// .html bookmark export is never read as an article. parseSourceFile picks the first taker.

import { chromeBookmarksImporter } from './chrome-bookmarks';
import { deliciousJsonImporter } from './delicious-json';
import { elcuratorJsonImporter } from './elcurator';
import { firefoxBookmarksImporter } from './firefox-bookmarks';
import { instapaperCsvImporter } from './instapaper';
import { markdownImporter } from './markdown';
import { netscapeBookmarksImporter } from './netscape-bookmarks';
import { omnivoreJsonImporter } from './omnivore';
import { pinboardJsonImporter } from './pinboard';
import { plainTextImporter } from './plain-text';
import { pocketCsvImporter, pocketHtmlImporter } from './pocket';
import { readabilityJsonImporter } from './readability-json';
import { binaryReason } from './sniff';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-depth';
import { looksLikeJson } from './json-source';
import type { Importer, ParsedFile, SourceFile } from './types';
import { wallabagV1Importer, wallabagV2Importer } from './wallabag';
import { webPageImporter } from './web-page';

export const importers: Importer[] = [
  // Bookmark files and app exports: recognised by what is inside, whatever the name.
  netscapeBookmarksImporter,
  pocketHtmlImporter,
  pocketCsvImporter,
  instapaperCsvImporter,
  chromeBookmarksImporter,
  firefoxBookmarksImporter,
  wallabagV2Importer,
  wallabagV1Importer,
  omnivoreJsonImporter,
  pinboardJsonImporter,
  readabilityJsonImporter,
  deliciousJsonImporter,
  elcuratorJsonImporter,
  // ---- Plain text and Markdown (lead's importers) ----
  plainTextImporter,
  markdownImporter,
  // ---- end ----
  // Last: any other HTML is taken to be an article page.
  webPageImporter,
];

/**
 * Parses a file with the first importer that accepts it; throws a one-line Error for a file
 * none accepts, for binary content whatever the file's name, and for JSON nested too deeply. (Hosts call this through
 * flows/import-job.ts, which also turns a stack overflow into a reason.)
 */
export async function parseSourceFile(file: SourceFile): Promise<ParsedFile & { format: string }> {
  const binary = binaryReason(file.bytes);
  if (binary !== null) throw new Error(`${file.name} cannot be imported: ${binary}`);
  if (jsonNestingDepth(file.bytes, MAX_JSON_DEPTH) > MAX_JSON_DEPTH && looksLikeJson(file.bytes)) {
    throw new Error(`${file.name} is nested too deeply to read (more than ${MAX_JSON_DEPTH} levels)`);
  }
  const importer = importers.find((i) => i.accepts(file));
  if (importer === undefined) throw new Error(`unsupported file type: ${file.name}`);
  const parsed = await importer.parse(file);
  return { ...parsed, format: importer.format };
}

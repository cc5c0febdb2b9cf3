// One unit of import parsing, the same on a worker thread and inline: a file through the
// importer registry, or a fetched page through the web page importer. Fails with a one-line
// reason, never with "Maximum call stack size exceeded". Light to import: the importers
// (jsdom and all) load only when a job runs.

import type { WebPageOptions } from './web-page';
import type { ParsedFile, SourceFile } from './types';

export type ParseJob = { kind: 'file'; file: SourceFile } | { kind: 'page'; bytes: Uint8Array; options: WebPageOptions };

/** How a job names its input in a message. */
export function jobName(job: ParseJob): string {
  return job.kind === 'file' ? job.file.name : (job.options.name ?? job.options.url ?? 'the page');
}

export async function runParseJob(job: ParseJob): Promise<ParsedFile> {
  try {
    if (job.kind === 'file') return await (await import('./registry')).parseSourceFile(job.file);
    return { drafts: [(await import('./web-page')).parseWebPage(job.bytes, job.options)], skipped: [] };
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw new Error(`${jobName(job)} is nested too deeply to read`);
    throw error;
  }
}

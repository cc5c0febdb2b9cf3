// One unit of import parsing, the same on a worker thread and inline: a file through the
// importer registry, a fetched page through the web page importer, or a .dossier bundle
// through its reader (unzip, checksums, schema). Fails with a one-line reason, never with
// "Maximum call stack size exceeded". Light to import: the readers load when a job runs.

import type { WebPageOptions } from '../interop/web-page';
import type { ParsedFile, SourceFile } from '../interop/types';
import type { Bundle } from '../core/bundle';

export type ImportJob =
  | { kind: 'file'; file: SourceFile }
  | { kind: 'page'; bytes: Uint8Array; options: WebPageOptions }
  | { kind: 'bundle'; name: string; bytes: Uint8Array };

/** What each kind of job gives. */
export type ImportJobResult<J extends ImportJob> = J extends { kind: 'bundle' } ? Bundle : ParsedFile;

/** How a job names its input in a message. */
export function jobName(job: ImportJob): string {
  if (job.kind === 'page') return job.options.name ?? job.options.url ?? 'the page';
  return job.kind === 'file' ? job.file.name : job.name;
}

export async function runImportJob<J extends ImportJob>(job: J): Promise<ImportJobResult<J>>;
export async function runImportJob(job: ImportJob): Promise<ParsedFile | Bundle> {
  try {
    if (job.kind === 'file') return await (await import('../interop/registry')).parseSourceFile(job.file);
    if (job.kind === 'bundle') return (await import('../core/bundle')).readBundle(job.bytes);
    return { drafts: [(await import('../interop/web-page')).parseWebPage(job.bytes, job.options)], skipped: [] };
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message))
      throw new Error(`${jobName(job)} is nested too deeply to read`, { cause: error });
    throw error;
  }
}

// Opens an archive folder the way every host does: seeded when new, read-only when asked.
// A read-only open of a folder with no archive fails (a mistyped --archive creates
// nothing); a writable one creates and seeds it only when `create` allows. An archive is
// used through dispatch(), which waits for its metadata when a method needs it: a reader
// reads it then, a writer has begun reading it in the background at open.

import { Archive } from '../core/archive';
import { keepHeapTight } from '../core/heap-growth';
import { contract } from './contract';

/** The seed is read only when an archive is created: other opens never load it. */
async function seedArchive(archive: Archive): Promise<void> {
  const { seedArchive: seed } = await import('../seed/seed');
  await seed(archive);
}

export interface OpenArchiveOptions {
  readOnly?: boolean;
  /** False to refuse creating an archive where there is none (default: create). */
  create?: boolean;
  /** False to start a new archive empty (to restore a bundle into it exactly). */
  seed?: boolean;
  lockWaitMs?: number;
  /** The archive serves one command and closes (the CLI without a host). */
  oneCommand?: boolean;
}

export async function openArchive(dir: string, options: OpenArchiveOptions = {}): Promise<Archive> {
  // A host that stays open keeps its heap near the live data (a one-command run ends first).
  if (!options.oneCommand) keepHeapTight();
  const archive = await Archive.open(dir, {
    readOnly: Boolean(options.readOnly),
    // Searches are answered from the index's catalog while the rest of the archive loads.
    searchFirst: true,
    create: options.create,
    lockWaitMs: options.lockWaitMs,
    oneCommand: options.oneCommand,
    seed: options.seed === false ? undefined : seedArchive,
  });
  // The first check of a search's arguments compiles the schema's code (a few milliseconds):
  // done in an idle turn now, not in the first search's.
  if (!options.oneCommand) setTimeout(() => void contract['search.query'].args.safeParse(WARM_SEARCH), 0).unref();
  return archive;
}

const WARM_SEARCH = { q: 'warm', sort: 'relevance', offset: 0, limit: 50 };

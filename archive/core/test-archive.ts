// Test support: a fresh archive in a temporary folder, removed again after the test.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from './archive';
import { openArchive } from '../api/open-archive';
import type { ImportDraft } from '../interop/types';

export async function tempDir(prefix = 'dossier-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** An open archive in a new temp folder; `seeded: false` skips the seed items. */
export async function tempArchive(
  options: { seeded?: boolean } = {},
): Promise<{ archive: Archive; dir: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir();
  const archive = options.seeded === false ? await Archive.open(dir) : await openArchive(dir);
  return {
    archive,
    dir,
    cleanup: async () => {
      await archive.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An importer's draft of an article with the given title and text. */
export function draft(title: string, text: string, extra: Partial<ImportDraft> = {}): ImportDraft {
  return {
    kind: 'article',
    title,
    byline: null,
    source: null,
    url: null,
    published: null,
    language: 'en',
    excerpt: null,
    html: null,
    text,
    tags: [],
    added: null,
    readAt: null,
    highlights: [],
    notes: [],
    ...extra,
  };
}

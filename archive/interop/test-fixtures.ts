// Where the shared fixture files live (../shared/fixtures beside the repository), for tests
// only: `hasFixtures` lets a suite skip with a message on a machine without them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Importer, ParsedFile, SourceFile } from './types';
import { hasShared, sharedPath } from '../test-shared';

export const FIXTURES = sharedPath('fixtures');

export function hasFixtures(folder: string): boolean {
  return hasShared(join('fixtures', folder));
}

/** A fixture as the importers receive it: its bare name and its bytes. */
export function fixture(folder: string, name: string): SourceFile {
  return { name, bytes: new Uint8Array(readFileSync(join(FIXTURES, folder, name))) };
}

/** Parses a fixture with an importer, first checking that the importer recognises it. */
export async function load(importer: Importer, folder: string, name: string): Promise<ParsedFile> {
  const file = fixture(folder, name);
  if (!importer.accepts(file)) throw new Error(`${importer.format} does not accept ${name}`);
  return importer.parse(file);
}

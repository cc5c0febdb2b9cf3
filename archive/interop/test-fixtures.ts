// Fixture files for the importers' tests: small exports written for this repository in each
// app's real format (fixtures/, always there), and the larger real ones in ../shared/fixtures
// (`hasFixtures` lets a suite skip with a message on a machine without them).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The repository's own fixtures: synthetic exports in each app's format, for a lone clone. */
export const OWN_FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** One of the repository's own fixtures, as the importers receive it. */
export function ownFixture(name: string): SourceFile {
  return { name, bytes: new Uint8Array(readFileSync(join(OWN_FIXTURES, name))) };
}

/** Parses one of the repository's own fixtures, first checking that the importer recognises it. */
export async function loadOwn(importer: Importer, name: string): Promise<ParsedFile> {
  const file = ownFixture(name);
  if (!importer.accepts(file)) throw new Error(`${importer.format} does not accept ${name}`);
  return importer.parse(file);
}

// The index folder's table of contents: format name and version, lunr version, and the
// segments (with checksums and deleted ordinals) that make up the index. Each segment file
// records the id and stamp of every item it holds, so the manifest plus segments say exactly
// which version of each item is covered. The format is Dossier's own (segment-file.ts), so
// every host reads it; an index of another version is reported as such, and rebuilt.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import lunr from 'lunr';
import { writeFileAtomic } from '../core/atomic-file';
import { FIELDS } from './fields';

/** Bumped whenever the segment layout, fields or the terms an index holds change; older
 *  indexes are rebuilt (3: Unicode trimmer, CJK bigrams; 4: portable files, one
 *  normalisation, per-language terms, stop words and word forms, related-vector norms; 5: postings
 *  read by block, each with its checksum). */
export const FORMAT_VERSION = 5;
export const FORMAT_NAME = 'dossier-index';
export const MANIFEST_FILE = 'manifest.json';

export interface SegmentEntry {
  name: string;
  docs: number;
  crc: number;
  streamCrc: number;
  /** Ordinals whose item was since edited or deleted. */
  dead: number[];
}

export interface Manifest {
  format: string;
  version: number;
  lunr: string;
  fields: string[];
  segments: SegmentEntry[];
  written: string;
}

export function newManifest(segments: SegmentEntry[]): Manifest {
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    lunr: lunr.version,
    fields: [...FIELDS],
    segments,
    written: new Date().toISOString(),
  };
}

/** The manifest, null when there is none or it cannot be read, or 'other-version' when it
 *  was written by a Dossier with another index format (older or newer). */
export async function readManifest(dir: string): Promise<(Manifest & { crc: number }) | null | 'other-version'> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(dir, MANIFEST_FILE));
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (
      typeof m.version === 'number' &&
      (m.version !== FORMAT_VERSION || m.format !== FORMAT_NAME || m.lunr !== lunr.version)
    )
      return 'other-version';
    if (JSON.stringify(m.fields) !== JSON.stringify(FIELDS) || !Array.isArray(m.segments)) return null;
    for (const s of m.segments) {
      if (typeof s.name !== 'string' || !/^[\w.-]+$/.test(s.name) || !Array.isArray(s.dead)) return null;
      if (typeof s.crc !== 'number' || typeof s.streamCrc !== 'number') return null;
    }
    return { ...m, crc: crc32(bytes) };
  } catch {
    return null;
  }
}

/** Writes the manifest; returns the checksum of its bytes, which names this state of the index. */
export async function writeManifest(dir: string, m: Manifest): Promise<number> {
  const bytes = Buffer.from(JSON.stringify(m));
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), bytes);
  return crc32(bytes);
}

export const segmentFile = (dir: string, name: string): string => path.join(dir, `${name}.seg`);
export const streamFile = (dir: string, name: string): string => path.join(dir, `${name}.pos`);

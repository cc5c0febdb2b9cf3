// The index folder's table of contents: format version, lunr version, and the segments
// (with checksums and deleted ordinals) that make up the index. Each segment file records
// the id and stamp of every item it holds, so the manifest plus segments say exactly which
// version of each item is covered. Anything unreadable or from another version reads as null.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import lunr from 'lunr';
import { writeFileAtomic } from '../core/atomic-file';
import { FIELDS } from './fields';

/** Bump when the segment layout, fields or analysis change: older indexes are rebuilt. */
/** Bumped whenever the terms an index holds change (3: Unicode trimmer, CJK bigrams). */
export const FORMAT_VERSION = 3;
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
  version: number;
  lunr: string;
  fields: string[];
  segments: SegmentEntry[];
  written: string;
}

export function newManifest(segments: SegmentEntry[]): Manifest {
  return { version: FORMAT_VERSION, lunr: lunr.version, fields: [...FIELDS], segments, written: new Date().toISOString() };
}

export async function readManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.version !== FORMAT_VERSION || m.lunr !== lunr.version) return null;
    if (JSON.stringify(m.fields) !== JSON.stringify(FIELDS) || !Array.isArray(m.segments)) return null;
    for (const s of m.segments) {
      if (typeof s.name !== 'string' || !/^[\w.-]+$/.test(s.name) || !Array.isArray(s.dead)) return null;
      if (typeof s.crc !== 'number' || typeof s.streamCrc !== 'number') return null;
    }
    return m;
  } catch {
    return null;
  }
}

export async function writeManifest(dir: string, m: Manifest): Promise<void> {
  await writeFileAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(m));
}

export const segmentFile = (dir: string, name: string): string => path.join(dir, `${name}.seg`);
export const streamFile = (dir: string, name: string): string => path.join(dir, `${name}.pos`);

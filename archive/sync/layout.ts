// The names in a sync target, and nothing else: each device writes only under
// devices/<device-id>/ (sealed segments numbered from 1, never rewritten, and a small state
// file); blobs/ holds content-addressed files written once. Any other name a sync engine
// leaves there (a conflict copy, a temporary file) is recognised and never applied.

import { DEVICE_PATTERN } from './hlc';

export const TARGET_FILE = 'dossier-sync.json';
export const DEVICES = 'devices';
export const BLOBS = 'blobs';
export const SNAPSHOTS = 'snapshots';

const SEGMENT = /^(\d{8})\.seg$/;
const BLOB = /^[0-9a-f]{64}$/;
const SNAPSHOT = /^([0-9a-f]{16})-(\d{8})\.snap$/;

export const deviceDir = (device: string) => `${DEVICES}/${device}`;
export const deviceStateFile = (device: string) => `${DEVICES}/${device}/state.json`;
export const segmentFile = (device: string, seq: number) => `${DEVICES}/${device}/${String(seq).padStart(8, '0')}.seg`;
export const blobFile = (name: string) => `${BLOBS}/${name}`;
export const snapshotFile = (device: string, seq: number) =>
  `${SNAPSHOTS}/${device}-${String(seq).padStart(8, '0')}.snap`;

export const isDevice = (name: string) => DEVICE_PATTERN.test(name);
export const isBlobName = (name: string) => BLOB.test(name);

export function segmentSeq(name: string): number | null {
  const m = SEGMENT.exec(name);
  return m ? Number(m[1]) : null;
}

export function parseSnapshotName(name: string): { device: string; seq: number } | null {
  const m = SNAPSHOT.exec(name);
  return m ? { device: m[1], seq: Number(m[2]) } : null;
}

/** What a name we did not write is: a sync engine's conflict copy, a file still arriving, or something else. */
export function strayKind(name: string): 'conflict copy' | 'temporary file' | 'unknown file' {
  if (/conflict|conflicted copy|\(\d+\)|\bcase conflict\b/i.test(name)) return 'conflict copy';
  if (
    name.startsWith('.') ||
    name.startsWith('~') ||
    /\.(tmp|part|partial|crdownload|download)$/i.test(name) ||
    name.includes('.syncthing.')
  )
    return 'temporary file';
  return 'unknown file';
}

// The whole archive as one .dossier file: a zip holding manifest.json (format version,
// sha-256 of every other entry), dossier.json and content/. Reading a bundle checks all of
// it before touching the archive: a bad checksum, a path that would leave the archive, or a
// newer format refuses the bundle whole.

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import type { Archive } from './archive';
import { migrate } from './migrations';
import type { ArchiveData } from './model';
import { ArchiveError } from './errors';

export const BUNDLE_VERSION = 1;
const MAX_ENTRIES = 1_000_000;

export interface BundleManifest {
  format: 'dossier-bundle';
  version: number;
  created: string;
  items: number;
  /** sha-256 (hex) of every other entry, by path. */
  checksums: Record<string, string>;
}

export interface Bundle {
  data: ArchiveData;
  /** content/<file> → bytes */
  content: Map<string, Uint8Array>;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function writeBundle(archive: Archive): Promise<Uint8Array> {
  await archive.flush();
  const entries: Record<string, Uint8Array> = { 'dossier.json': strToU8(JSON.stringify(archive.data)) };
  for (const item of archive.data.items) {
    for (const ext of ['txt', 'html'] as const) {
      if (!(ext === 'txt' ? item.content.text : item.content.html)) continue;
      const body = await archive.store.readContent(item.id, ext);
      if (body !== null) entries[`content/${item.id}.${ext}`] = strToU8(body);
    }
    for (const asset of item.assets) {
      const bytes = await archive.store.readAsset(item.id, asset);
      if (bytes) entries[`content/${item.id}/${asset}`] = bytes;
    }
  }
  const manifest: BundleManifest = {
    format: 'dossier-bundle',
    version: BUNDLE_VERSION,
    created: archive.now(),
    items: archive.data.items.length,
    checksums: Object.fromEntries(Object.entries(entries).map(([p, bytes]) => [p, sha256(bytes)])),
  };
  return zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest, null, 1)), ...entries }, { level: 6 });
}

function refuse(reason: string): never {
  throw new ArchiveError('unsupported_format', `This .dossier bundle was refused: ${reason}. Nothing was imported.`);
}

/** A relative path of plain segments, inside the bundle: no `..`, no absolute or drive paths. */
function isSafePath(p: string): boolean {
  return !p.startsWith('/') && !p.includes('\\') && !/^[a-zA-Z]:/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

export function readBundle(bytes: Uint8Array): Bundle {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    refuse('it is not a readable zip file');
  }
  const paths = Object.keys(files).filter((p) => !p.endsWith('/'));
  if (paths.length > MAX_ENTRIES) refuse('it holds too many files');
  for (const p of paths) if (!isSafePath(p)) refuse(`it holds a path that leaves the archive (${p.slice(0, 80)})`);
  if (!files['manifest.json']) refuse('it has no manifest');
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(strFromU8(files['manifest.json']));
  } catch {
    refuse('its manifest is not valid JSON');
  }
  if (manifest.format !== 'dossier-bundle' || typeof manifest.version !== 'number') refuse('its manifest is not a Dossier manifest');
  if (manifest.version > BUNDLE_VERSION) refuse(`it was written by a newer Dossier (bundle format ${manifest.version})`);
  const listed = Object.keys(manifest.checksums ?? {});
  for (const p of paths) if (p !== 'manifest.json' && !(p in manifest.checksums)) refuse(`${p} is not listed in its manifest`);
  for (const p of listed) {
    if (!files[p]) refuse(`${p} is missing`);
    if (sha256(files[p]) !== manifest.checksums[p]) refuse(`the checksum of ${p} does not match`);
  }
  let data: ArchiveData;
  try {
    data = migrate(JSON.parse(strFromU8(files['dossier.json'])));
  } catch (error) {
    refuse(error instanceof ArchiveError ? error.message : 'its dossier.json is not valid');
  }
  const content = new Map<string, Uint8Array>();
  for (const p of paths) {
    const match = p.match(/^content\/([0-9a-f]{16}(?:\.(?:txt|html)|\/[0-9a-f]{32}\.(?:png|jpg|gif|webp|avif|svg)))$/);
    if (match) content.set(match[1], files[p]);
    else if (p !== 'manifest.json' && p !== 'dossier.json') refuse(`it holds an unexpected file (${p.slice(0, 80)})`);
  }
  return { data, content };
}

export async function writeBundleFile(archive: Archive, out: string): Promise<{ out: string; items: number; bytes: number }> {
  const bytes = await writeBundle(archive);
  await fs.writeFile(out, bytes);
  return { out, items: archive.data.items.length, bytes: bytes.length };
}

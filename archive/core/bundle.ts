// The whole archive as one .dossier file: a zip holding manifest.json (format version,
// sha-256 of every other entry), dossier.json and content/. Reading a bundle checks all of
// it before touching the archive: a zip bomb, a bad checksum, a path that would leave the
// archive, a bad id, a malformed manifest or dossier.json, or a newer format refuses it whole.

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { zipSync, strToU8, strFromU8 } from 'fflate';
import { z } from 'zod';
import type { Archive } from './archive';
import { upgrade } from './migrations';
import type { ArchiveData } from './model';
import { ArchiveError } from './errors';
import { parseArchiveData, firstIssue } from './archive-schema';
import { safeUnzip, UnzipRefused } from './safe-unzip';
import { binaryReason } from '../interop/sniff';
import { sniffImage } from '../interop/page-images';

export const BUNDLE_VERSION = 1;

const ManifestHead = z.object({ format: z.literal('dossier-bundle'), version: z.number().int().min(1) });

const ManifestSchema = ManifestHead.extend({
  created: z.string().max(100),
  items: z.number().int().min(0),
  /** sha-256 (hex) of every other entry, by path. */
  checksums: z.record(z.string().max(1_000), z.string().regex(/^[0-9a-f]{64}$/, 'a checksum is 64 hexadecimal digits')),
});

export type BundleManifest = z.infer<typeof ManifestSchema>;

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
  return (
    !p.startsWith('/') &&
    !p.includes('\\') &&
    !/^[a-zA-Z]:/.test(p) &&
    p.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
  );
}

/** Names a file of the bundle in a message: short, and without control characters. */
const shown = (p: string): string => p.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 80);

/**
 * Checks and reads a bundle whole before anything touches an archive: a zip within the size
 * limits (a bomb is refused without being inflated), a valid manifest whose checksums all
 * match, only expected paths, and a dossier.json that passes the archive schema (ids,
 * shapes, references). Throws one ArchiveError naming the first problem.
 */
export function readBundle(bytes: Uint8Array): Bundle {
  let files: Record<string, Uint8Array>;
  try {
    files = safeUnzip(bytes);
  } catch (error) {
    refuse(error instanceof UnzipRefused ? error.message : 'it is not a readable zip file');
  }
  const paths = Object.keys(files).filter((p) => !p.endsWith('/'));
  for (const p of paths) if (!isSafePath(p)) refuse(`it holds a path that leaves the archive (${shown(p)})`);
  if (!files['manifest.json']) refuse('it has no manifest');
  const manifest = readManifest(files['manifest.json']);
  for (const p of paths)
    if (p !== 'manifest.json' && !Object.hasOwn(manifest.checksums, p))
      refuse(`${shown(p)} is not listed in its manifest`);
  for (const p of Object.keys(manifest.checksums)) {
    if (!Object.hasOwn(files, p)) refuse(`${shown(p)} is missing`);
    if (sha256(files[p]) !== manifest.checksums[p]) refuse(`the checksum of ${shown(p)} does not match`);
  }
  if (!files['dossier.json']) refuse('it has no dossier.json');
  const data = readData(files['dossier.json']);
  if (data.items.length !== manifest.items)
    refuse(`its manifest promises ${manifest.items} items but dossier.json holds ${data.items.length}`);
  const content = new Map<string, Uint8Array>();
  for (const p of paths) {
    const match = p.match(CONTENT_PATH);
    const image = p.match(IMAGE_PATH);
    if (match) content.set(match[1], textBody(p, files[p]));
    else if (image) content.set(image[1], imageBody(p, files[p]));
    else if (p !== 'manifest.json' && p !== 'dossier.json') refuse(`it holds an unexpected file (${shown(p)})`);
  }
  for (const item of data.items) {
    for (const ext of ['txt', 'html'] as const) {
      if (item.content[ext === 'txt' ? 'text' : 'html'] && !content.has(`${item.id}.${ext}`))
        refuse(`the ${ext === 'txt' ? 'text' : 'HTML'} of item ${item.id} is missing`);
    }
  }
  return { data, content };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A body file's bytes, once they are known to be text: UTF-8 without NUL or other binary bytes. */
function textBody(p: string, bytes: Uint8Array): Uint8Array {
  const binary = binaryReason(bytes);
  if (binary !== null) refuse(`${shown(p)} is not text (${binary.replace(/, not (a )?text( file)?$/, '')})`);
  try {
    utf8.decode(bytes);
  } catch {
    refuse(`${shown(p)} is not UTF-8 text`);
  }
  return bytes;
}

/** content/<id>.txt or .html, where <id> is an archive id and nothing else. */
const CONTENT_PATH = /^content\/([0-9a-f]{16}\.(?:txt|html))$/;
/** An image kept with an item: content/<id>/<sha256 prefix>.<ext>. */
const IMAGE_PATH = /^content\/([0-9a-f]{16}\/[0-9a-f]{32}\.(?:png|jpg|gif|webp|avif|svg))$/;

/** An image must be the kind of image its name says, by its first bytes. */
function imageBody(p: string, bytes: Uint8Array): Uint8Array {
  if (sniffImage(bytes) !== p.split('.').pop()) refuse(`${shown(p)} is not the image its name says`);
  return bytes;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    refuse(`its ${file} is not valid JSON`);
  }
}

function readManifest(bytes: Uint8Array): BundleManifest {
  const raw = parseJson(bytes, 'manifest.json');
  // The format and version first: a newer bundle may be shaped differently, and deserves the plainer reason.
  const head = ManifestHead.safeParse(raw);
  if (!head.success) refuse('its manifest is not a Dossier manifest');
  if (head.data.version > BUNDLE_VERSION)
    refuse(`it was written by a newer Dossier (bundle format ${head.data.version})`);
  const manifest = ManifestSchema.safeParse(raw);
  if (!manifest.success) refuse(`its manifest is not valid (${firstIssue(manifest.error)})`);
  return manifest.data;
}

function readData(bytes: Uint8Array): ArchiveData {
  const raw = parseJson(bytes, 'dossier.json');
  let migrated: unknown;
  try {
    // The shape is checked below, with the references a bundle must also hold.
    migrated = upgrade(raw, { name: 'dossier.json', remedy: '' });
  } catch (error) {
    refuse(error instanceof ArchiveError ? error.message.replace(/\.$/, '') : 'its dossier.json is not valid');
  }
  try {
    return parseArchiveData(migrated);
  } catch (error) {
    refuse(`its dossier.json is not valid (${(error as Error).message})`);
  }
}

export async function writeBundleFile(
  archive: Archive,
  out: string,
): Promise<{ out: string; items: number; bytes: number }> {
  const bytes = await writeBundle(archive);
  await fs.writeFile(out, bytes);
  return { out, items: archive.data.items.length, bytes: bytes.length };
}

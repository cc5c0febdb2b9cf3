// The whole archive as one .dossier file: a zip holding manifest.json (format version,
// sha-256 of every other entry), dossier.json and content/, written an entry at a time into
// a temporary file that replaces the target only when whole. Reading a bundle checks all of
// it before touching the archive: a zip bomb, a bad checksum, a path that would leave the
// archive, a bad id, a malformed manifest or dossier.json, or a newer format refuses it whole.

import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, strFromU8 } from 'fflate';
import { z } from 'zod';
import type { Archive } from './archive';
import { upgrade } from './migrations';
import type { ArchiveData } from './model';
import { ArchiveError } from './errors';
import { parseArchiveData, firstIssue } from './archive-schema';
import { safeUnzip, UnzipRefused } from './safe-unzip';
import { binaryReason } from '../interop/sniff';
import { sniffImage } from '../interop/page-images';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-file';
import { compactArchiveJson } from './snapshot-file';
import { ZipWriter } from './zip-writer';

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

export interface BundleWritten {
  out: string;
  items: number;
  /** The bundle's length. */
  bytes: number;
}

/** A temporary bundle untouched this long was left by an export whose process was killed. */
const ABANDONED_MS = 15 * 60 * 1000;

/** Times an export starts again when an edit lands in the middle of it, before giving up. */
const ATTEMPTS = 3;

/** An edit landed while the bundle was being written: it would not be one state of the archive. */
class ChangedMeanwhile extends Error {}

/**
 * Writes the archive as a .dossier bundle at `out` an entry at a time, so memory stays flat
 * however large the archive is (beyond a checksum and ~100 bytes of zip directory per file).
 * Atomic: the bundle is written beside `out` under a temporary name, flushed and renamed over
 * it; a failed or cancelled export leaves `out` as it was and no temporary file (one whose
 * process was killed leaves one, which the next export to `out` removes). An edit made
 * while dossier.json is written, or one that removes a body still to be read, starts it over.
 */
export async function writeBundleFile(
  archive: Archive,
  out: string,
  options: { signal?: AbortSignal } = {},
): Promise<BundleWritten> {
  // Every change made before the export began is on disk; the search index is not needed.
  await archive.durable();
  await removeStaleTemporaries(out, ABANDONED_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBundleOnce(archive, out, options.signal);
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile)) throw writeFailure(error, out, options.signal);
      if (attempt === ATTEMPTS)
        throw new ArchiveError(
          'conflict',
          `The archive kept changing while it was exported to ${out}; nothing was written. Export again when it is quiet.`,
        );
    }
  }
}

async function writeBundleOnce(archive: Archive, out: string, signal?: AbortSignal): Promise<BundleWritten> {
  const before = archive.store.changes;
  const changed = (): boolean => archive.store.changes !== before;
  const data = archive.data;
  // The items as dossier.json starts: the bodies to write, and the count the manifest promises.
  const items = data.items.slice();
  let bytes = 0;
  await writeFileAtomic(out, async (file) => {
    const zip = new ZipWriter(file, { modified: new Date(archive.now()) });
    const checksums: Record<string, string> = {};
    const json = createHash('sha256');
    await zip.addStream('dossier.json', hashing(compactArchiveJson(data), json));
    if (changed()) throw new ChangedMeanwhile();
    checksums['dossier.json'] = json.digest('hex');
    const add = async (name: string, body: Uint8Array): Promise<void> => {
      checksums[name] = sha256(body);
      await zip.add(name, body);
    };
    for (const item of items) {
      signal?.throwIfAborted();
      for (const ext of ['txt', 'html'] as const) {
        if (!(ext === 'txt' ? item.content.text : item.content.html)) continue;
        const body = await archive.store.readContent(item.id, ext);
        if (body === null && changed()) throw new ChangedMeanwhile();
        // A bundle without a body its dossier.json promises would be refused when imported.
        if (body === null) throw missingBody(archive, item.id, ext);
        await add(`content/${item.id}.${ext}`, strToU8(body));
      }
      for (const asset of item.assets) {
        const image = await archive.store.readAsset(item.id, asset);
        if (image) await add(`content/${item.id}/${asset}`, image);
      }
    }
    const manifest: BundleManifest = {
      format: 'dossier-bundle',
      version: BUNDLE_VERSION,
      created: archive.now(),
      items: items.length,
      checksums,
    };
    // Last, once every checksum is known: readers find entries by name in the directory.
    await zip.add('manifest.json', strToU8(JSON.stringify(manifest, null, 1)));
    bytes = await zip.finish();
  });
  return { out, items: items.length, bytes };
}

/** Passes `chunks` through, adding each to `hash` (as the UTF-8 the zip holds). */
async function* hashing(chunks: AsyncIterable<string>, hash: Hash): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    hash.update(chunk, 'utf8');
    yield chunk;
  }
}

function missingBody(archive: Archive, id: string, ext: 'txt' | 'html'): ArchiveError {
  return new ArchiveError(
    'corrupt_archive',
    `The ${ext === 'txt' ? 'text' : 'HTML'} of item ${id} is missing from ${archive.store.contentDir}, so no bundle was written; \`dossier verify\` checks the archive.`,
  );
}

/** Why writing `out` failed, in one line; an ArchiveError passes through as it is. */
function writeFailure(error: unknown, out: string, signal?: AbortSignal): unknown {
  if (error instanceof ArchiveError) return error;
  if (signal?.aborted) return new ArchiveError('cancelled', `The export to ${out} was cancelled; nothing was written.`);
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'ENOTDIR'
        ? 'its folder is a file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : code === 'EROFS'
                ? 'the disk is read-only'
                : null;
  if (reason) return new ArchiveError('io_error', `Cannot write ${out}: ${reason}; nothing was written.`);
  if (typeof code === 'string')
    return new ArchiveError('io_error', `Cannot write ${out}: ${(error as Error).message}.`);
  return error;
}

/** The bundle as bytes, for callers that want it in memory (tests, small archives): written by
 *  writeBundleFile to a temporary folder and read back. */
export async function writeBundle(archive: Archive): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dossier-bundle-'));
  try {
    const file = path.join(dir, 'archive.dossier');
    await writeBundleFile(archive, file);
    return new Uint8Array(await fs.readFile(file));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

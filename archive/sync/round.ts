// One sync round between an open archive and a target: publish this device's new changes
// (blobs first, then one sealed segment, then its state file), read every other device's
// new segments in order, merge, and bring the archive (records, bodies, search index) in
// line with the merged view. Local edits are published before the local state that
// remembers them is saved, so a crash at any point repeats work but never loses an edit.

import { readFileSync } from 'node:fs';
import type { Archive } from '../core/archive';
import type { Item } from '../core/model';
import { SyncRefused, sha256, type Codec } from './codec';
import type { SyncOp } from './crdt';
import {
  BLOBS,
  DEVICES,
  blobFile,
  deviceDir,
  deviceStateFile,
  isBlobName,
  isDevice,
  segmentFile,
  segmentSeq,
  strayKind,
} from './layout';
import type { LocalState, SyncTargetConfig } from './local-state';
import { dropSession, openSession, saveSession, takeChanges } from './session';
import { countChanges, reconcile } from './reconcile';
import { decodeSegment, encodeSegment } from './segment';
import type { SyncTarget } from './target';
import { openTargetFile } from './target-file';
import type { Files } from './view';
import { listConflicts } from './conflicts';
import { compactOwn, snapshotsNeeded, type CompactionOptions } from './compaction';
import type { RoundReport } from './types';

export type { RoundReport };

export interface RoundOptions {
  passphrase?: string | null;
  /** Where this archive syncs to, remembered for the next round (never credentials). */
  remember?: SyncTargetConfig;
  /** Wall clock for the hybrid clock (tests). */
  now?: () => number;
  compaction?: CompactionOptions;
}

export async function syncRound(
  archive: Archive,
  target: SyncTarget,
  options: RoundOptions = {},
): Promise<RoundReport> {
  try {
    return await round(archive, target, options);
  } catch (error) {
    dropSession(archive);
    throw error;
  }
}

async function round(archive: Archive, target: SyncTarget, options: RoundOptions): Promise<RoundReport> {
  await archive.loaded(); // a host's archive may still be reading dossier.json (searchFirst)
  const started = performance.now();
  const { local, merge } = await openSession(archive, options.now);
  const { codec, salt } = await openTargetFile(target, options.passphrase ?? null);
  if (local.keySalt !== null && local.keySalt !== salt) {
    throw new SyncRefused(
      `${target.label} is not the sync target this archive used before (its key differs); sync it to a new folder or start sync afresh.`,
    );
  }
  local.keySalt = salt;
  const changedTarget =
    options.remember !== undefined && JSON.stringify(options.remember) !== JSON.stringify(local.target);
  if (options.remember) local.target = options.remember;
  const report: RoundReport = {
    device: local.device,
    target: target.label,
    published: { operations: 0, segment: null, blobs: 0, bytes: 0 },
    received: { operations: 0, segments: 0, devices: 0 },
    applied: { items: 0, removed: 0, annotations: 0, changes: 0 },
    conflicts: 0,
    waiting: [],
    ignored: [],
    refused: [],
    compacted: { snapshot: null, removedSegments: 0 },
    ms: 0,
  };
  const bytesBefore = target.bytesWritten;
  const cursorsBefore = { ...local.cursors };

  // 1. Everyone else's new segments, in order (read, not yet applied); a gap or a torn
  //    segment waits for the next round.
  const incoming: SyncOp[] = [];
  const devices = (await target.list(DEVICES)).filter((name) => {
    if (isDevice(name)) return true;
    report.ignored.push(`${DEVICES}/${name} (${strayKind(name)})`);
    return false;
  });
  const segmentsOf = new Map<string, Set<number>>();
  for (const device of devices) {
    if (device === local.device) continue;
    const seqs = new Set<number>();
    for (const name of await target.list(deviceDir(device))) {
      const seq = segmentSeq(name);
      if (seq !== null) seqs.add(seq);
      else if (name !== 'state.json') report.ignored.push(`${deviceDir(device)}/${name} (${strayKind(name)})`);
    }
    segmentsOf.set(device, seqs);
  }
  // Segments compacted away before this device read them: start from the snapshots.
  const catchUp = await snapshotsNeeded(target, codec, local.device, local.cursors, segmentsOf);
  report.waiting.push(...catchUp.waiting);
  report.refused.push(...catchUp.refused);
  for (const snapshot of catchUp.snapshots) {
    for (const [device, n] of Object.entries(snapshot.cursors)) {
      if (device !== local.device && n > (local.cursors[device] ?? 0)) local.cursors[device] = n;
    }
  }
  for (const [device, seqs] of segmentsOf) {
    let cursor = local.cursors[device] ?? 0;
    let took = false;
    while (seqs.has(cursor + 1)) {
      const file = segmentFile(device, cursor + 1);
      const segment = await readSegment(target, codec, file, device, cursor + 1);
      if (segment === 'torn') {
        report.waiting.push(`${file} (still arriving)`);
        break;
      }
      if (typeof segment === 'string') {
        report.refused.push(`${file}: ${segment}`);
        break;
      }
      incoming.push(...segment);
      report.received.segments += 1;
      cursor += 1;
      took = true;
    }
    const later = [...seqs].filter((n) => n > cursor + 1);
    if (!seqs.has(cursor + 1) && later.length > 0)
      report.waiting.push(
        `${segmentFile(device, cursor + 1)} (not here yet; ${later.length} later segment(s) wait for it)`,
      );
    local.cursors[device] = cursor;
    if (took) report.received.devices += 1;
  }

  // 2. In one synchronous stretch (no edit can slip in between): local edits become
  //    operations, everyone's operations merge, and the archive's records follow the view.
  const blobSources = new Map<string, { id: string; file: string }>();
  const filesOf = (item: Item): Files => localFiles(archive, item, codec, blobSources);
  const ops = [...local.outbox, ...merge.record(archive.data, filesOf, takeChanges(archive).since)];
  for (const op of ops) {
    // The files just hashed are what this archive holds: nothing to fetch for them.
    if (!op.e.startsWith('i:')) continue;
    if (op.f === '*') local.files[op.e.slice(2)] = (op.v as { files: Files }).files;
    else if (op.f === 'files') local.files[op.e.slice(2)] = op.v as Files;
  }
  report.received.operations = merge.join(catchUp.snapshots.flatMap((snap) => snap.entities)) + merge.apply(incoming);
  const moved = Object.keys(local.cursors).some((d) => local.cursors[d] !== cursorsBefore[d]);
  // (Items still waiting for a body keep the rounds going until it comes.)
  if (
    ops.length === 0 &&
    report.received.operations === 0 &&
    !moved &&
    !changedTarget &&
    local.waitingFor.length === 0
  ) {
    report.conflicts = local.conflicts;
    report.ms = Math.round(performance.now() - started);
    return report;
  }
  const owners = new Map([...archive.data.notes, ...archive.data.highlights].map((r) => [r.id, r.itemId]));
  const done = reconcile(archive.data, merge.view, (id) => local.files[id]);
  report.applied.changes = countChanges(done);
  report.applied.items = done.items.put.length;
  report.applied.removed = done.items.removed.length;
  for (const item of done.items.put) archive.store.put('items', item);
  for (const coll of ['notes', 'highlights', 'relations'] as const) {
    for (const record of done[coll].put) archive.record(coll, record);
    for (const id of done[coll].removed) archive.unrecord(coll, id);
    report.applied.annotations += done[coll].put.length + done[coll].removed.length;
  }
  if (done.tags) archive.tagsChanged();
  if (done.settings) archive.store.putSettings();
  for (const id of done.items.removed) archive.forget(id);

  // 3. Publish: blobs, then the segment that names them.
  if (ops.length > 0) {
    const present = new Set(await target.list(BLOBS));
    for (const [name, source] of blobSources) {
      if (present.has(name)) continue;
      const sealed = codec.sealBlob(readFileSync(source.file));
      if (sealed.name !== name) continue; // the file changed since it was hashed: the next round sends it
      await target.write(blobFile(name), sealed.bytes);
      report.published.blobs += 1;
    }
    const mine = (await target.list(deviceDir(local.device))).map(segmentSeq).filter((n): n is number => n !== null);
    // Never write over a sealed segment, even one written before a crash that this state missed.
    const seq = Math.max(local.published, ...mine) + 1;
    await target.write(segmentFile(local.device, seq), codec.seal(encodeSegment(local.device, seq, ops)));
    local.published = seq;
    local.cursors[local.device] = seq;
    report.published.operations = ops.length;
    report.published.segment = seq;
    local.outbox = [];
  }

  // 4. Bodies and images from blobs, then the search index.
  const reindex = new Set<string>();
  const bodies = new Set<string>();
  const blobs = localBlobs(local);
  const waitingFor = new Set<string>();
  for (const [id, files] of done.files) {
    const missing = await writeFiles(archive, target, codec, id, files, blobs);
    if (missing.length) {
      report.waiting.push(...missing.map((m) => `${blobFile(m)} (for item ${id})`));
      waitingFor.add(id);
    } else {
      local.files[id] = files;
      bodies.add(id);
    }
    reindex.add(id);
  }
  for (const item of done.items.put) reindex.add(item.id);
  for (const record of [...done.notes.put, ...done.highlights.put]) reindex.add(record.itemId);
  for (const id of [...done.notes.removed, ...done.highlights.removed]) reindex.add(owners.get(id) as string);
  // Removed last: a merged-away duplicate's files may have been the source just now.
  for (const id of done.items.removed) {
    await archive.store.removeContent(id);
    delete local.files[id];
  }
  // The search index follows merged changes exactly as it follows local ones.
  // (A body that arrived is handed over: the item's stamp may not have changed with it.)
  for (const id of reindex) {
    if (!archive.has(id)) continue;
    const body = bodies.has(id) ? ((await archive.store.readContent(id, 'txt')) ?? '') : undefined;
    archive.index.upsert({ ...archive.searchMeta(archive.item(id)), body });
  }
  await archive.durable();

  local.waitingFor = [...waitingFor].filter((id) => archive.has(id));

  // 5. Remember all of it, then tell the others how far this device has read.
  report.conflicts = local.conflicts = listConflicts(merge).length;
  local.lastRound = new Date().toISOString();
  await saveSession(archive, local, merge);
  if (ops.length > 0 || report.received.segments > 0 || (await target.read(deviceStateFile(local.device))) === null) {
    const state = {
      version: 1,
      device: local.device,
      published: local.published,
      seen: local.cursors,
      at: local.lastRound,
    };
    await target.write(deviceStateFile(local.device), codec.seal(Buffer.from(JSON.stringify(state))));
  }
  report.compacted = await compactOwn(target, codec, local, merge, options.compaction);
  report.published.bytes = target.bytesWritten - bytesBefore;
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** An item's files as blob names, remembering where each blob's bytes are for the upload. */
function localFiles(
  archive: Archive,
  item: Item,
  codec: Codec,
  sources: Map<string, { id: string; file: string }>,
): Files {
  const hash = (file: string): string | null => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return null;
    }
    const name = codec.sealBlob(bytes).name;
    sources.set(name, { id: item.id, file });
    return name;
  };
  const assets: Record<string, string> = {};
  for (const asset of item.assets) {
    const name = hash(archive.store.assetPath(item.id, asset));
    if (name) assets[asset] = name;
  }
  return {
    html: item.content.html ? hash(archive.store.contentPath(item.id, 'html')) : null,
    txt: item.content.text ? hash(archive.store.contentPath(item.id, 'txt')) : null,
    assets,
  };
}

/** Reads one segment: its operations, 'torn' while it is still arriving, or why it was refused. */
async function readSegment(
  target: SyncTarget,
  codec: Codec,
  file: string,
  device: string,
  seq: number,
): Promise<SyncOp[] | 'torn' | string> {
  const bytes = await target.read(file);
  if (bytes === null) return 'torn';
  let plain: Uint8Array;
  try {
    const opened = codec.open(bytes, file);
    if (!opened.ok) return 'torn';
    plain = opened.bytes;
  } catch (error) {
    if (error instanceof SyncRefused) return error.message;
    throw error;
  }
  const decoded = decodeSegment(plain, device, seq);
  if (decoded.ok) return decoded.ops;
  return decoded.torn ? 'torn' : decoded.problem;
}

/** Writes an item's files from blobs (ours if we have them, else the target's); returns the blobs still missing. */
async function writeFiles(
  archive: Archive,
  target: SyncTarget,
  codec: Codec,
  id: string,
  files: Files,
  blobs: Map<string, { id: string; kind: 'html' | 'txt' | { asset: string } }>,
): Promise<string[]> {
  const missing: string[] = [];
  const fetch = async (name: string): Promise<Uint8Array | null> => {
    const mine = readLocal(archive, codec, blobs.get(name), name);
    if (mine) return mine;
    if (!isBlobName(name)) return null;
    const stored = await target.read(blobFile(name));
    if (stored === null || sha256(stored) !== name) return null; // still arriving, or not what it says
    const opened = codec.open(stored, blobFile(name));
    return opened.ok ? opened.bytes : null;
  };
  const wanted: Array<[string, 'html' | 'txt' | { asset: string }]> = [];
  if (files.html) wanted.push([files.html, 'html']);
  if (files.txt) wanted.push([files.txt, 'txt']);
  for (const [asset, name] of Object.entries(files.assets)) wanted.push([name, { asset }]);
  const got: Array<[Uint8Array, 'html' | 'txt' | { asset: string }]> = [];
  for (const [name, kind] of wanted) {
    const bytes = await fetch(name);
    if (bytes) got.push([bytes, kind]);
    else missing.push(name);
  }
  if (missing.length) return missing;
  for (const [bytes, kind] of got) {
    if (kind === 'html' || kind === 'txt')
      await archive.store.writeContent(id, kind, Buffer.from(bytes).toString('utf8'));
  }
  if (!files.html) await archive.store.removeHtml(id);
  const images = got
    .filter(([, k]) => typeof k === 'object')
    .map(([bytes, k]) => ({ name: (k as { asset: string }).asset, bytes }));
  await archive.store.writeAssets(id, images);
  return [];
}

/** Where this archive already holds each blob (so a merge or a move copies locally, not from the target). */
function localBlobs(local: LocalState): Map<string, { id: string; kind: 'html' | 'txt' | { asset: string } }> {
  const out = new Map<string, { id: string; kind: 'html' | 'txt' | { asset: string } }>();
  for (const [id, files] of Object.entries(local.files)) {
    if (files.html) out.set(files.html, { id, kind: 'html' });
    if (files.txt) out.set(files.txt, { id, kind: 'txt' });
    for (const [asset, name] of Object.entries(files.assets)) out.set(name, { id, kind: { asset } });
  }
  return out;
}

/** A blob's plain bytes from the local file that holds it, checked against its name; null if it is not there. */
function readLocal(
  archive: Archive,
  codec: Codec,
  at: { id: string; kind: 'html' | 'txt' | { asset: string } } | undefined,
  name: string,
): Uint8Array | null {
  if (!at) return null;
  const file =
    typeof at.kind === 'object'
      ? archive.store.assetPath(at.id, at.kind.asset)
      : archive.store.contentPath(at.id, at.kind);
  try {
    const bytes = readFileSync(file);
    return codec.sealBlob(bytes).name === name ? bytes : null;
  } catch {
    return null;
  }
}

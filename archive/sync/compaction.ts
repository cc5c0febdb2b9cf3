// Bounded growth. Each device removes its own sealed segments once every device still in
// touch has read them (their state files say how far), after writing a snapshot of its
// merge state that covers them; a device that has been away longer than `staleAfterMs`
// is not waited for: it catches up by joining the snapshots, then reads on from there.

import { SyncRefused, type Codec } from './codec';
import {
  deviceDir,
  deviceStateFile,
  parseSnapshotName,
  segmentFile,
  segmentSeq,
  snapshotFile,
  SNAPSHOTS,
  isDevice,
  DEVICES,
} from './layout';
import type { LocalState } from './local-state';
import type { MergeState } from './merge-state';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from './snapshot';
import type { SyncTarget } from './target';
import type { CompactionReport } from './types';

export interface CompactionOptions {
  /** Compact once this many of our segments have been read by everyone (default 100). */
  compactAfter?: number;
  /** A device not heard from for this long is not waited for (default 30 days). */
  staleAfterMs?: number;
}

/** Compacts this device's own segments when they are many and everyone has read them. */
export async function compactOwn(
  target: SyncTarget,
  codec: Codec,
  local: LocalState,
  merge: MergeState,
  options: CompactionOptions = {},
  now = Date.now(),
): Promise<CompactionReport> {
  const report: CompactionReport = { snapshot: null, removedSegments: 0 };
  const compactAfter = options.compactAfter ?? 100;
  const staleAfter = options.staleAfterMs ?? 30 * 24 * 3600 * 1000;
  const me = local.device;
  const mine = (await target.list(deviceDir(me))).map(segmentSeq).filter((n): n is number => n !== null);
  if (mine.length < compactAfter) return report;

  // How far every device still in touch has read our segments.
  let safe = local.published;
  for (const device of (await target.list(DEVICES)).filter(isDevice)) {
    if (device === me) continue;
    const state = await readDeviceState(target, codec, device);
    if (state && now - Date.parse(state.at) > staleAfter) continue;
    safe = Math.min(safe, state?.seen[me] ?? 0);
  }
  const removable = mine.filter((n) => n <= safe).sort((a, b) => a - b);
  if (removable.length < compactAfter) return report;

  // A snapshot of ours that covers them, so a newcomer (or a long-absent device) can start there.
  const snapshots = (await target.list(SNAPSHOTS))
    .map(parseSnapshotName)
    .filter((s): s is { device: string; seq: number } => s?.device === me);
  let newest = Math.max(0, ...snapshots.map((s) => s.seq));
  if (newest < safe) {
    const snapshot: Snapshot = {
      device: me,
      seq: local.published,
      cursors: { ...local.cursors, [me]: local.published },
      entities: [...merge.entities],
    };
    await target.write(snapshotFile(me, local.published), codec.seal(encodeSnapshot(snapshot)));
    newest = local.published;
    report.snapshot = newest;
  }
  for (const n of removable) {
    if (n > newest) break;
    await target.remove(segmentFile(me, n));
    report.removedSegments += 1;
  }
  for (const s of snapshots) if (s.seq < newest) await target.remove(snapshotFile(me, s.seq));
  return report;
}

export interface DeviceState {
  published: number;
  seen: Record<string, number>;
  at: string;
}

export async function readDeviceState(target: SyncTarget, codec: Codec, device: string): Promise<DeviceState | null> {
  const bytes = await target.read(deviceStateFile(device));
  if (!bytes) return null;
  try {
    const opened = codec.open(bytes, deviceStateFile(device));
    if (!opened.ok) return null;
    const state = JSON.parse(Buffer.from(opened.bytes).toString('utf8')) as DeviceState;
    if (typeof state?.at !== 'string' || typeof state.seen !== 'object' || state.seen === null) return null;
    return state;
  } catch (error) {
    if (error instanceof SyncRefused || error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * The snapshots to join when some device's next segment is gone (compacted away): the newest
 * of every other device's, whole and valid. `cursors` is how far this device has read.
 */
export async function snapshotsNeeded(
  target: SyncTarget,
  codec: Codec,
  me: string,
  cursors: Record<string, number>,
  segmentsOf: Map<string, Set<number>>,
): Promise<{ snapshots: Snapshot[]; waiting: string[]; refused: string[] }> {
  const out = { snapshots: [] as Snapshot[], waiting: [] as string[], refused: [] as string[] };
  const newest = new Map<string, number>();
  for (const name of await target.list(SNAPSHOTS)) {
    const parsed = parseSnapshotName(name);
    if (parsed && parsed.device !== me && parsed.seq > (newest.get(parsed.device) ?? 0))
      newest.set(parsed.device, parsed.seq);
  }
  const gap =
    [...newest].some(
      ([device, seq]) => seq > (cursors[device] ?? 0) && !segmentsOf.get(device)?.has((cursors[device] ?? 0) + 1),
    ) ||
    [...segmentsOf].some(
      ([device, seqs]) =>
        device !== me &&
        seqs.size > 0 &&
        !seqs.has((cursors[device] ?? 0) + 1) &&
        Math.min(...seqs) > (cursors[device] ?? 0) + 1,
    );
  if (!gap) return out;
  for (const [device, seq] of newest) {
    const file = snapshotFile(device, seq);
    const bytes = await target.read(file);
    if (!bytes) continue;
    let plain: Uint8Array;
    try {
      const opened = codec.open(bytes, file);
      if (!opened.ok) {
        out.waiting.push(`${file} (still arriving)`);
        continue;
      }
      plain = opened.bytes;
    } catch (error) {
      if (error instanceof SyncRefused) {
        out.refused.push(`${file}: ${error.message}`);
        continue;
      }
      throw error;
    }
    const decoded = decodeSnapshot(plain, device, seq);
    if (decoded.ok) out.snapshots.push(decoded.snapshot);
    else if (decoded.torn) out.waiting.push(`${file} (still arriving)`);
    else out.refused.push(`${file}: ${decoded.problem}`);
  }
  return out;
}

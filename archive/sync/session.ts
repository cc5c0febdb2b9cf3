// Keeps a device's sync state in memory between the rounds of one process (the app's host
// runs a round whenever something changed and on a timer): reading and validating it is the
// costly part of a round at 50k items. The copy in memory is used only while state.json and
// its log are the very files this process last wrote, so a change by another process is
// never missed, and it is dropped when a round fails half-way (the files are then the truth).
// Saving appends the round's changes to the log; the whole state is rewritten now and then.

import { existsSync, promises as fs } from 'node:fs';
import type { Archive } from '../core/archive';
import { loadLocalState, saveLocalState, SmallFields, stateFile, type LocalState } from './local-state';
import { MergeState } from './merge-state';
import { appendLog, clearLog, logFile, readLog } from './state-log';
import type { Files } from './view';

interface Session {
  local: LocalState;
  merge: MergeState;
  /** mtime and size of state.json and its log as this process wrote them. */
  written: string;
}

/** The item files as last saved, by reference: what changed since is what the log line carries. */
const savedFiles = new WeakMap<LocalState, Record<string, Files>>();
/** The log is folded into a whole rewrite past this size (or a fifth of the state's). */
const LOG_MAX_BYTES = 4 * 1024 * 1024;
const stateBytes = new WeakMap<LocalState, number>();

const sessions = new WeakMap<Archive, Session>();

/** The store's keys changed since the last round, while the watch has been unbroken. */
interface Watch {
  keys: Set<string>;
  /** False until a round has compared everything with the watch on (then only keys are needed). */
  complete: boolean;
}

const watches = new WeakMap<Archive, Watch>();

/**
 * The changes since the last round (null: compare everything) — and from now on, the keys of
 * changes made while this round runs, which the round must not overwrite.
 */
export function takeChanges(archive: Archive): { since: ReadonlySet<string> | null; during: ReadonlySet<string> } {
  let watch = watches.get(archive);
  if (!watch) {
    const created: Watch = { keys: new Set(), complete: false };
    archive.store.watchers.add((key) => created.keys.add(key));
    watches.set(archive, created);
    watch = created;
  }
  const since = watch.complete ? watch.keys : null;
  watch.keys = new Set();
  watch.complete = true;
  return { since, during: watch.keys };
}

async function fileStamp(file: string): Promise<string> {
  const stat = await fs.stat(file).catch(() => null);
  return stat ? `${stat.mtimeMs}:${stat.size}` : 'none';
}

async function stateStamp(dir: string): Promise<string> {
  return `${await fileStamp(stateFile(dir))}|${await fileStamp(logFile(dir))}`;
}

/** The merge state as saved, with its clock moved past everything it has seen. */
function restoreMerge(local: LocalState, now?: () => number): MergeState {
  const merge = new MergeState(local.device, new Map(local.entities), now);
  if (local.clock) merge.clock.observe(local.clock);
  local.entities = [];
  return merge;
}

export async function openSession(
  archive: Archive,
  now?: () => number,
): Promise<{ local: LocalState; merge: MergeState }> {
  const cached = sessions.get(archive);
  if (cached && cached.written === (await stateStamp(archive.dir))) return cached;
  sessions.delete(archive);
  forgetChanges(archive);
  const local = await loadLocalState(archive.dir);
  stateBytes.set(local, (await fs.stat(stateFile(archive.dir)).catch(() => null))?.size ?? 0);
  const merge = restoreMerge(local, now);
  // Rounds since the last whole rewrite, replayed in order.
  for (const line of await readLog(archive.dir, local.generation)) {
    merge.apply(line.ops);
    const small = SmallFields.safeParse({ ...pickSmall(local), ...line.local });
    if (small.success) Object.assign(local, small.data);
    for (const [id, files] of Object.entries(line.files)) {
      if (files) local.files[id] = files;
      else delete local.files[id];
    }
  }
  merge.takeApplied();
  savedFiles.set(local, { ...local.files });
  return { local, merge };
}

function pickSmall(local: LocalState): Record<string, unknown> {
  const { entities: _e, files: _f, version: _v, generation: _g, ...small } = local;
  return small;
}

/**
 * Saves what this round changed: one line appended to the log, or (first time, after joining
 * a snapshot, or when the log has grown) the whole state rewritten and the log cleared.
 */
export async function saveSession(archive: Archive, local: LocalState, merge: MergeState): Promise<void> {
  local.clock = merge.clock.last;
  const { ops, joined } = merge.takeApplied();
  const before = savedFiles.get(local);
  const logBytes = (await fs.stat(logFile(archive.dir)).catch(() => null))?.size ?? 0;
  const whole =
    !before ||
    joined ||
    !existsSync(stateFile(archive.dir)) ||
    logBytes > Math.max(LOG_MAX_BYTES, (stateBytes.get(local) ?? 0) / 5);
  if (whole) {
    local.generation += 1;
    local.entities = [...merge.entities];
    try {
      await saveLocalState(archive.dir, local);
    } finally {
      local.entities = [];
    }
    await clearLog(archive.dir);
    stateBytes.set(local, (await fs.stat(stateFile(archive.dir))).size);
  } else {
    const files: Record<string, Files | null> = {};
    for (const [id, f] of Object.entries(local.files)) if (before[id] !== f) files[id] = f;
    for (const id of Object.keys(before)) if (!(id in local.files)) files[id] = null;
    await appendLog(archive.dir, { g: local.generation, ops, local: pickSmall(local), files });
  }
  savedFiles.set(local, { ...local.files });
  sessions.set(archive, { local, merge, written: await stateStamp(archive.dir) });
}

/** Forgets the copy in memory (after a failed round). */
export function dropSession(archive: Archive): void {
  sessions.delete(archive);
  forgetChanges(archive);
}

/** The next round compares everything (the state it would compare against was reloaded or lost). */
function forgetChanges(archive: Archive): void {
  const watch = watches.get(archive);
  if (watch) watch.complete = false;
}

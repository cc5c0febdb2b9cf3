// Keeps a device's sync state in memory between the rounds of one process (the app's host
// runs a round whenever something changed and on a timer): reading and validating it is the
// costly part of a round at 50k items. The copy in memory is used only while state.json is
// the very file this process last wrote, so a change by another process is never missed,
// and it is dropped when a round fails half-way (the file on disk is then the truth).

import { promises as fs } from 'node:fs';
import type { Archive } from '../core/archive';
import { loadLocalState, saveLocalState, stateFile, type LocalState } from './local-state';
import { MergeState } from './merge-state';

interface Session {
  local: LocalState;
  merge: MergeState;
  /** mtime and size of state.json as this process wrote it. */
  written: string;
}

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

/** The merge state as saved, with its clock moved past everything it has seen. */
export function restoreMerge(local: LocalState, now?: () => number): MergeState {
  const merge = new MergeState(local.device, new Map(local.entities), now);
  if (local.clock) merge.clock.observe(local.clock);
  local.entities = [];
  return merge;
}

export async function openSession(archive: Archive, now?: () => number): Promise<{ local: LocalState; merge: MergeState }> {
  const cached = sessions.get(archive);
  if (cached && cached.written === (await fileStamp(stateFile(archive.dir)))) return cached;
  sessions.delete(archive);
  forgetChanges(archive);
  const local = await loadLocalState(archive.dir);
  return { local, merge: restoreMerge(local, now) };
}

export async function saveSession(archive: Archive, local: LocalState, merge: MergeState): Promise<void> {
  local.clock = merge.clock.last;
  local.entities = [...merge.entities];
  try {
    await saveLocalState(archive.dir, local);
  } finally {
    local.entities = [];
  }
  sessions.set(archive, { local, merge, written: await fileStamp(stateFile(archive.dir)) });
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

// What one archive remembers about sync, in <archive>/sync/state.json (never in the sync
// target, never in dossier.json): its device id, its clock, the merge state, how far it has
// read each device's segments, which files its items hold, and where it syncs to.
// Written atomically after a round, once the archive's changes from that round are durable.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-file';
import { ArchiveError } from '../core/errors';
import { DEVICE_PATTERN, STAMP_PATTERN } from './hlc';
import { SyncOp, type Entity } from './crdt';
import type { Files } from './view';

export const LOCAL_STATE_VERSION = 1;

const Head = z.object({ s: z.string(), b: z.string(), v: z.unknown() });
const EntitySchema = z.object({
  ws: z.string(),
  w: z.record(z.string(), z.unknown()).nullable(),
  k: z.string().nullable(),
  ks: z.string(),
  f: z.record(z.string(), z.object({ heads: z.array(Head), mb: z.string() })),
});
const FilesSchema = z.object({
  html: z.string().nullable(),
  txt: z.string().nullable(),
  assets: z.record(z.string(), z.string()),
});

export const SyncTargetConfig = z.union([
  z.object({ kind: z.literal('folder'), folder: z.string() }),
  // The user name is not a secret; the password is (credentials.ts keeps it out of here).
  z.object({ kind: z.literal('webdav'), url: z.string(), user: z.string().optional() }),
]);
export type SyncTargetConfig = z.infer<typeof SyncTargetConfig>;

const LocalStateSchema = z.object({
  version: z.literal(LOCAL_STATE_VERSION),
  /** Bumped by every whole rewrite: log lines of an older generation are already in it. */
  generation: z.number().int().min(0).default(0),
  device: z.string().regex(DEVICE_PATTERN),
  clock: z.string().regex(STAMP_PATTERN).nullable(),
  target: SyncTargetConfig.nullable(),
  /** The salt of the target's key when it is encrypted: another salt means another target. */
  keySalt: z.string().nullable(),
  /** Segments of ours written so far. */
  published: z.number().int().min(0),
  /** Per device: segments (or the snapshot's position) applied here. */
  cursors: z.record(z.string(), z.number().int().min(0)),
  entities: z.array(z.tuple([z.string(), EntitySchema])),
  files: z.record(z.string(), FilesSchema),
  lastRound: z.string().nullable(),
  /** Operations made here outside a round (a conflict settled by choosing), sent next round. */
  outbox: z.array(SyncOp).default([]),
  /** Items whose files wait for blobs not yet in the target. */
  waitingFor: z.array(z.string()).default([]),
  /** How many conflicts the last round that changed something left (shown by idle rounds). */
  conflicts: z.number().int().min(0).default(0),
  /** Sync turned off in the app: hosts run no rounds by themselves (an explicit round still runs). */
  paused: z.boolean().default(false),
});
export type LocalState = z.infer<typeof LocalStateSchema>;

/** The small fields a log line carries whole (everything but the merge state and the files). */
export const SmallFields = LocalStateSchema.omit({ entities: true, files: true, version: true, generation: true });

export function stateFile(archiveDir: string): string {
  return path.join(archiveDir, 'sync', 'state.json');
}

export async function loadLocalState(archiveDir: string): Promise<LocalState> {
  let text: string;
  try {
    text = await fs.readFile(stateFile(archiveDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ArchiveError('io_error', `Cannot read ${stateFile(archiveDir)}: ${(error as Error).message}`);
    return {
      version: LOCAL_STATE_VERSION,
      generation: 0,
      device: randomBytes(8).toString('hex'),
      clock: null,
      target: null,
      keySalt: null,
      published: 0,
      cursors: {},
      entities: [],
      files: {},
      lastRound: null,
      outbox: [],
      waitingFor: [],
      conflicts: 0,
      paused: false,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ArchiveError(
      'corrupt_archive',
      `${stateFile(archiveDir)} is not JSON; move it away to start sync afresh (nothing in the archive is lost).`,
    );
  }
  const version = (raw as { version?: unknown })?.version;
  if (typeof version === 'number' && version > LOCAL_STATE_VERSION)
    throw new ArchiveError('unsupported_version', 'The sync state was written by a newer Dossier; update Dossier.');
  const parsed = LocalStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new ArchiveError(
      'corrupt_archive',
      `${stateFile(archiveDir)} is not a valid sync state; move it away to start sync afresh (nothing in the archive is lost).`,
    );
  return parsed.data;
}

export async function saveLocalState(archiveDir: string, state: LocalState): Promise<void> {
  await fs.mkdir(path.dirname(stateFile(archiveDir)), { recursive: true });
  await writeFileAtomic(stateFile(archiveDir), JSON.stringify(state));
}

export type { Entity, Files };

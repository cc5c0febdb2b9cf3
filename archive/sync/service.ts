// Sync as the contract offers it to every host: a round with the remembered target, the
// status line, the conflicts ("changed on both machines") and choosing among them. The
// passphrase and WebDAV credentials come from the host's environment, never from a caller.

import type { Archive } from '../core/archive';
import { ArchiveError } from '../core/errors';
import { SyncRefused } from './codec';
import { chooseConflict, conflictsOf } from './choose';
import type { ConflictView, SyncStatus } from './types';

export type { ConflictView, SyncStatus };
import type { SyncTargetConfig } from './local-state';
import { openSession } from './session';
import { syncRound, type RoundReport } from './round';
import { FolderTarget, type SyncTarget } from './target';
import { WebDavTarget } from './webdav-target';



/** The target a configuration names, with credentials from the environment. */
export function targetOf(config: SyncTargetConfig): SyncTarget {
  if (config.kind === 'folder') return new FolderTarget(config.folder);
  const user = process.env.DOSSIER_WEBDAV_USER;
  return new WebDavTarget(config.url, user !== undefined ? { user, password: process.env.DOSSIER_WEBDAV_PASSWORD ?? '' } : null);
}

export async function syncStatus(archive: Archive): Promise<SyncStatus> {
  const { local } = await openSession(archive);
  return {
    device: local.device, target: local.target, encrypted: local.keySalt !== null, lastRound: local.lastRound,
    conflicts: local.conflicts, waitingFor: local.waitingFor.length,
  };
}

export async function listSyncConflicts(archive: Archive): Promise<{ conflicts: ConflictView[] }> {
  const conflicts = await conflictsOf(archive);
  return { conflicts: conflicts.map((c) => ({ ...c, title: c.itemId && archive.has(c.itemId) ? archive.item(c.itemId).title : c.entity })) };
}

export async function chooseSyncValue(archive: Archive, entity: string, field: string, pick: number): Promise<{ conflicts: ConflictView[] }> {
  await chooseConflict(archive, entity, field, pick);
  return listSyncConflicts(archive);
}

/** One round with the target this archive remembers. */
export async function runSync(archive: Archive): Promise<RoundReport> {
  const { local } = await openSession(archive);
  if (!local.target) throw new ArchiveError('invalid_argument', 'Choose a sync folder or WebDAV address first (dossier sync --folder DIR).');
  try {
    return await syncRound(archive, targetOf(local.target), { passphrase: process.env.DOSSIER_SYNC_PASSPHRASE || null });
  } catch (error) {
    if (error instanceof SyncRefused) throw new ArchiveError('io_error', error.message);
    throw error;
  }
}

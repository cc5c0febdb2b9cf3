// Sync as the contract offers it to every host: a round with the remembered target (or one
// named by the caller, then remembered), the status line, the conflicts ("changed on both
// machines"), choosing among them, and the app's setting (target, on/off, secrets).
// Secrets come from the caller for one round, or from credentials.ts, never from the archive.

import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../core/archive';
import { ArchiveError } from '../core/errors';
import { SyncRefused } from './codec';
import { chooseConflict, conflictsOf } from './choose';
import { Secrets, type SecretKind } from './credentials';
import type { SyncTargetConfig } from './local-state';
import { dropSession, openSession, saveSession } from './session';
import { syncRound, type RoundReport } from './round';
import { FolderTarget, type SyncTarget } from './target';
import type { ConflictView, SyncStatus } from './types';
import { WebDavTarget } from './webdav-target';

export type { ConflictView, SyncStatus };

/** Secrets for one round, given by the caller (the CLI passes its own environment's). */
export interface GivenSecrets {
  passphrase?: string | null;
  user?: string;
  password?: string;
}

/** What a host that keeps the archive open adds: its secrets and its background rounds' state. */
export interface HostSyncState {
  secrets: Secrets;
  running: boolean;
  last: SyncStatus['last'];
  moved: SyncStatus['moved'];
  error: string | null;
}

let processSecrets: Secrets | null = null;
/** The secrets of a process without a host of its own (the CLI). */
export function defaultSecrets(): Secrets {
  processSecrets ??= new Secrets();
  return processSecrets;
}

/** Under which name a secret is kept: the target it opens (and the user, for a password). */
function accountOf(kind: SecretKind, config: SyncTargetConfig): string {
  if (config.kind === 'folder') return config.folder;
  return kind === 'webdav-password' ? `${config.user ?? ''}@${config.url}` : config.url;
}

export function describeTarget(config: SyncTargetConfig): string {
  return config.kind === 'folder' ? config.folder : config.url;
}

function sameTarget(a: SyncTargetConfig, b: SyncTargetConfig): boolean {
  return a.kind === 'folder' ? b.kind === 'folder' && a.folder === b.folder : b.kind === 'webdav' && a.url === b.url;
}

/** A target as a person named it, checked: an absolute folder whose parent exists, or a WebDAV address. */
export function checkTarget(config: SyncTargetConfig, archiveDir: string): SyncTargetConfig {
  if (config.kind === 'webdav') {
    try {
      new WebDavTarget(config.url, null);
    } catch (error) {
      throw new ArchiveError('invalid_argument', (error as Error).message);
    }
    return { kind: 'webdav', url: config.url, ...(config.user ? { user: config.user } : {}) };
  }
  const folder = config.folder.trim();
  if (!path.isAbsolute(folder))
    throw new ArchiveError(
      'invalid_argument',
      `The sync folder must be a full path (like /home/me/Sync/dossier), not “${folder}”.`,
    );
  const resolved = path.resolve(folder);
  if (!existsSync(path.dirname(resolved)))
    throw new ArchiveError('invalid_argument', `There is no folder ${path.dirname(resolved)} to sync into.`);
  const archive = path.resolve(archiveDir);
  if (resolved === archive || resolved.startsWith(archive + path.sep) || archive.startsWith(resolved + path.sep)) {
    throw new ArchiveError('invalid_argument', 'The sync folder must be outside the archive folder (and not hold it).');
  }
  return { kind: 'folder', folder: resolved };
}

/** The target a configuration names, with the WebDAV password given, kept, or from the environment. */
export async function targetOf(
  config: SyncTargetConfig,
  secrets: Secrets = defaultSecrets(),
  given: GivenSecrets = {},
): Promise<SyncTarget> {
  if (config.kind === 'folder') return new FolderTarget(config.folder);
  const user = given.user ?? config.user ?? process.env.DOSSIER_WEBDAV_USER;
  if (user === undefined) return new WebDavTarget(config.url, null);
  const password =
    given.password ??
    (await secrets.get('webdav-password', accountOf('webdav-password', { ...config, user })))?.value ??
    '';
  return new WebDavTarget(config.url, { user, password });
}

export async function syncStatus(archive: Archive, host?: HostSyncState): Promise<SyncStatus> {
  const { local } = await openSession(archive);
  const secrets = host?.secrets ?? defaultSecrets();
  const target = local.target;
  const source = async (kind: SecretKind) =>
    target ? ((await secrets.get(kind, accountOf(kind, target)))?.from ?? null) : null;
  return {
    device: local.device,
    target,
    encrypted: local.keySalt !== null,
    lastRound: local.lastRound,
    conflicts: local.conflicts,
    waitingFor: local.waitingFor.length,
    published: local.published,
    devices: Object.fromEntries(Object.entries(local.cursors).filter(([d]) => d !== local.device)),
    paused: local.paused,
    background: host !== undefined,
    running: host?.running ?? false,
    last: host?.last ?? null,
    moved: host?.moved ?? null,
    error: host?.error ?? null,
    passphrase: await source('passphrase'),
    password: target?.kind === 'webdav' ? await source('webdav-password') : null,
    keychain: secrets.unavailable,
  };
}

export async function listSyncConflicts(archive: Archive): Promise<{ conflicts: ConflictView[] }> {
  const conflicts = await conflictsOf(archive);
  return {
    conflicts: conflicts.map((c) => ({
      ...c,
      title: c.itemId && archive.has(c.itemId) ? archive.item(c.itemId).title : c.entity,
    })),
  };
}

export async function chooseSyncValue(
  archive: Archive,
  entity: string,
  field: string,
  pick: number,
): Promise<{ conflicts: ConflictView[] }> {
  await chooseConflict(archive, entity, field, pick);
  return listSyncConflicts(archive);
}

export interface RunOptions extends GivenSecrets {
  /** A target named for this round (remembered); without it, the remembered one. */
  target?: SyncTargetConfig;
  secrets?: Secrets;
}

/** One round with the target named or remembered. */
export async function runSync(archive: Archive, options: RunOptions = {}): Promise<RoundReport> {
  const { local } = await openSession(archive);
  const config = options.target ? checkTarget(options.target, archive.dir) : local.target;
  if (!config)
    throw new ArchiveError(
      'invalid_argument',
      'Choose a sync folder or WebDAV address first (dossier sync --folder DIR).',
    );
  if (local.target && !sameTarget(local.target, config)) {
    // Another target: what this device has read from the old one does not apply to the new one.
    throw new ArchiveError(
      'conflict',
      `This archive syncs with ${describeTarget(local.target)}; to switch, stop syncing with it first (in the app's Sync setting, or move ${path.join(archive.dir, 'sync')} away).`,
    );
  }
  const remember =
    local.target?.kind === 'webdav' && config.kind === 'webdav' && !config.user && local.target.user
      ? local.target
      : config;
  const secrets = options.secrets ?? defaultSecrets();
  const passphrase =
    options.passphrase !== undefined
      ? options.passphrase
      : ((await secrets.get('passphrase', accountOf('passphrase', remember)))?.value ?? null);
  try {
    return await syncRound(archive, await targetOf(remember, secrets, options), { passphrase, remember });
  } catch (error) {
    if (error instanceof SyncRefused) throw new ArchiveError('io_error', error.message);
    throw error;
  }
}

export interface Settings {
  /** A target to sync with (checked, remembered); null stops syncing with the current one. */
  target?: SyncTargetConfig | null;
  enabled?: boolean;
  passphrase?: string;
  password?: string;
}

/**
 * The app's Sync setting. Naming the remembered target again (or the first one) keeps it;
 * another one is refused until the current one is stopped, which sets this device's sync
 * state aside (kept beside it, never deleted) so the next target starts afresh.
 * Returns a one-line notice when a secret could not be kept beyond this session.
 */
export async function configureSync(
  archive: Archive,
  settings: Settings,
  secrets: Secrets = defaultSecrets(),
): Promise<{ notice: string | null }> {
  if (settings.target === null) {
    const dir = path.join(archive.dir, 'sync');
    if (existsSync(dir))
      await fs.rename(dir, path.join(archive.dir, `sync-stopped-${new Date().toISOString().replace(/[:.]/g, '-')}`));
    dropSession(archive);
    return { notice: null };
  }
  const { local, merge } = await openSession(archive);
  if (settings.target) {
    const config = checkTarget(settings.target, archive.dir);
    if (local.target && !sameTarget(local.target, config)) {
      throw new ArchiveError(
        'conflict',
        `This archive syncs with ${describeTarget(local.target)}; stop syncing with it first.`,
      );
    }
    local.target = config;
  }
  if (settings.enabled !== undefined) local.paused = !settings.enabled;
  await saveSession(archive, local, merge);
  const notices: string[] = [];
  const target = local.target;
  if (!target && (settings.passphrase || settings.password))
    throw new ArchiveError('invalid_argument', 'Choose a sync folder or WebDAV address first.');
  if (target && settings.passphrase)
    notices.push((await secrets.set('passphrase', accountOf('passphrase', target), settings.passphrase)) ?? '');
  if (target?.kind === 'webdav' && settings.password)
    notices.push((await secrets.set('webdav-password', accountOf('webdav-password', target), settings.password)) ?? '');
  return { notice: notices.find(Boolean) ?? null };
}

// `dossier sync`: one round with a folder (--folder DIR) or a WebDAV server (--webdav URL),
// remembered for the next `dossier sync`; `sync status`, `sync conflicts` and
// `sync choose <item> <field> <n>`. Passphrases and WebDAV credentials come from the
// environment only (never a command-line word other users could see, never the archive).

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../core/archive';
import { ArchiveError } from '../core/errors';
import { SyncRefused } from '../sync/codec';
import { chooseConflict, conflictsOf } from '../sync/choose';
import type { SyncTargetConfig } from '../sync/local-state';
import { openSession } from '../sync/session';
import { syncRound, type RoundReport } from '../sync/round';
import { targetOf } from '../sync/service';
import { UsageError, type ParsedArgs } from './args';
import { CommandError, type Output } from './commands';

/** Runs `dossier sync ...` (commands.ts says which forms write). */
export async function runSync(archive: Archive, args: ParsedArgs): Promise<Output> {
    try {
      switch (args.positional[1]) {
        case undefined:
          return await round(archive, args);
        case 'status':
          return await status(archive);
        case 'conflicts':
          return await conflicts(archive);
        case 'choose':
          return await choose(archive, args);
        default:
          throw new UsageError(`sync ${args.positional[1]}: use sync [--folder DIR | --webdav URL], sync status, sync conflicts, sync choose`);
      }
    } catch (error) {
      if (error instanceof SyncRefused) throw new CommandError(error.message);
      throw error;
    }
}

async function round(archive: Archive, args: ParsedArgs): Promise<Output> {
  const { local } = await openSession(archive);
  let config: SyncTargetConfig | null = local.target;
  if (args.options.folder && args.options.webdav) throw new UsageError('sync takes --folder or --webdav, not both');
  if (args.options.folder) {
    const folder = path.resolve(args.options.folder);
    if (!existsSync(path.dirname(folder))) throw new CommandError(`There is no folder ${path.dirname(folder)} to sync into.`);
    config = { kind: 'folder', folder };
  } else if (args.options.webdav) {
    config = { kind: 'webdav', url: args.options.webdav };
  }
  if (!config) throw new UsageError('sync needs --folder DIR or --webdav URL the first time');
  if (local.target && JSON.stringify(local.target) !== JSON.stringify(config)) {
    // Another target: what this device has read from the old one does not apply to the new one.
    throw new CommandError(`This archive syncs with ${describeTarget(local.target)}; to switch, move ${path.join(archive.dir, 'sync')} away first.`);
  }
  const passphrase = process.env[args.options['passphrase-env'] ?? 'DOSSIER_SYNC_PASSPHRASE'] || null;
  if (args.options['passphrase-env'] && !passphrase) throw new CommandError(`The environment variable ${args.options['passphrase-env']} holds no passphrase.`);
  const report = await syncRound(archive, targetOf(config), { passphrase, remember: config });
  const text = describeRound(report);
  if (report.refused.length) throw new CommandError(`refused ${report.refused[0]}${report.refused.length > 1 ? ` (and ${report.refused.length - 1} more)` : ''}; everything else was synced.`);
  return { json: report, text };
}

function describeTarget(config: SyncTargetConfig): string {
  return config.kind === 'folder' ? config.folder : config.url;
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function describeRound(r: RoundReport): string {
  const lines = [
    `Synced with ${r.target} in ${r.ms} ms.`,
    r.published.operations
      ? `  sent      ${r.published.operations} change(s) in segment ${r.published.segment}, ${r.published.blobs} new file(s), ${kib(r.published.bytes)} written`
      : '  sent      nothing (no local changes)',
    r.received.segments
      ? `  received  ${r.received.operations} change(s) in ${r.received.segments} segment(s) from ${r.received.devices} device(s)`
      : '  received  nothing new',
    `  applied   ${r.applied.items} item(s) added or changed, ${r.applied.removed} removed, ${r.applied.annotations} note/highlight/link change(s)`,
  ];
  if (r.conflicts) lines.push(`  ${r.conflicts} field(s) changed on both machines: see \`dossier sync conflicts\``);
  for (const w of r.waiting) lines.push(`  waiting   ${w}`);
  for (const i of r.ignored) lines.push(`  ignored   ${i}`);
  for (const x of r.refused) lines.push(`  REFUSED   ${x}`);
  return lines.join('\n');
}

async function status(archive: Archive): Promise<Output> {
  const { local } = await openSession(archive);
  const list = await conflictsOf(archive);
  const devices = Object.entries(local.cursors).filter(([d]) => d !== local.device);
  const json = {
    device: local.device,
    target: local.target,
    encrypted: local.keySalt !== null,
    lastRound: local.lastRound,
    published: local.published,
    devices: Object.fromEntries(devices),
    conflicts: list.length,
  };
  const text = local.target
    ? [
        `This device: ${local.device}`,
        `Syncs with:  ${describeTarget(local.target)}${json.encrypted ? ' (encrypted)' : ''}`,
        `Last round:  ${local.lastRound ?? 'never'}`,
        `Segments:    ${local.published} sent; ${devices.map(([d, n]) => `${n} from ${d}`).join(', ') || 'none received'}`,
        `Conflicts:   ${list.length}${list.length ? ' (see `dossier sync conflicts`)' : ''}`,
      ].join('\n')
    : `This archive has not been synced yet (device ${local.device}). Run \`dossier sync --folder DIR\` or \`dossier sync --webdav URL\`.`;
  return { json, text };
}

async function conflicts(archive: Archive): Promise<Output> {
  const list = await conflictsOf(archive);
  const show = (v: unknown) => (typeof v === 'string' ? `“${v}”` : JSON.stringify(v));
  const lines = list.map((c) => {
    const title = c.itemId && archive.has(c.itemId) ? archive.item(c.itemId).title : c.entity;
    return [
      `${c.itemId ?? c.entity}  ${title}: ${c.field} changed on both machines`,
      `  0 (kept)  ${show(c.current.value)}  from ${c.current.device} at ${c.current.at}`,
      ...c.others.map((o, i) => `  ${i + 1}         ${show(o.value)}  from ${o.device} at ${o.at}`),
    ].join('\n');
  });
  return {
    json: { conflicts: list },
    text: list.length ? [...lines, '', 'Keep one with `dossier sync choose <id> <field> <n>`.'].join('\n') : 'No conflicts.',
  };
}

async function choose(archive: Archive, args: ParsedArgs): Promise<Output> {
  const [, , id, field, n] = args.positional;
  if (!id || !field || n === undefined) throw new UsageError('sync choose <id> <field> <n>');
  const entity = /^[inhrts]:/.test(id) ? id : `i:${id}`;
  try {
    const conflict = await chooseConflict(archive, entity, field, Number(n));
    return { json: { chosen: conflict, pick: Number(n) }, text: `Kept value ${n} for ${field}; the next sync tells the other devices.` };
  } catch (error) {
    if (error instanceof ArchiveError) throw new CommandError(error.message);
    throw error;
  }
}


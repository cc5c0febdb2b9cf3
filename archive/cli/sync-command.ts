// `dossier sync`: one round with a folder (--folder DIR) or a WebDAV server (--webdav URL),
// remembered for the next `dossier sync`; `sync status`, `sync conflicts` and
// `sync choose <item> <field> <n>`. All through the contract, so it works the same on the
// archive itself and through a host that holds it (the app, `dossier serve`). Passphrases and
// WebDAV credentials come from this process's environment (never a command-line word other
// users could see, never the archive) and travel to a host only for the one round.

import path from 'node:path';
import type { RoundReport } from '../sync/round';
import { UsageError, type ParsedArgs } from './args';
import { CommandError, type Api, type Output } from './commands';

/** Runs `dossier sync ...` (commands.ts says which forms write). */
export async function runSync(api: Api, args: ParsedArgs): Promise<Output> {
  switch (args.positional[1]) {
    case undefined:
      return round(api, args);
    case 'status':
      return status(api);
    case 'conflicts':
      return conflicts(api);
    case 'choose':
      return choose(api, args);
    default:
      throw new UsageError(
        `sync ${args.positional[1]}: use sync [--folder DIR | --webdav URL], sync status, sync conflicts, sync choose`,
      );
  }
}

async function round(api: Api, args: ParsedArgs): Promise<Output> {
  if (args.options.folder && args.options.webdav) throw new UsageError('sync takes --folder or --webdav, not both');
  const target = args.options.folder
    ? ({ kind: 'folder', folder: path.resolve(args.options.folder) } as const)
    : args.options.webdav
      ? ({ kind: 'webdav', url: args.options.webdav } as const)
      : undefined;
  const passphrase = process.env[args.options['passphrase-env'] ?? 'DOSSIER_SYNC_PASSPHRASE'] || undefined;
  if (args.options['passphrase-env'] && !passphrase)
    throw new CommandError(`The environment variable ${args.options['passphrase-env']} holds no passphrase.`);
  const user = process.env.DOSSIER_WEBDAV_USER || undefined;
  const password = process.env.DOSSIER_WEBDAV_PASSWORD || undefined;
  const report = await api.call('sync.run', {
    ...(target ? { target } : {}),
    ...(passphrase ? { passphrase } : {}),
    ...(user ? { user } : {}),
    ...(password ? { password } : {}),
  });
  const text = describeRound(report);
  if (report.refused.length)
    throw new CommandError(
      `refused ${report.refused[0]}${report.refused.length > 1 ? ` (and ${report.refused.length - 1} more)` : ''}; everything else was synced.`,
    );
  return { json: report, text };
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

async function status(api: Api): Promise<Output> {
  const s = await api.call('sync.status', {});
  const { device, target, encrypted, lastRound, published, devices, conflicts, paused } = s;
  const json = { device, target, encrypted, lastRound, published, devices, conflicts, paused };
  const where = target ? (target.kind === 'folder' ? target.folder : target.url) : '';
  const text = target
    ? [
        `This device: ${device}`,
        `Syncs with:  ${where}${encrypted ? ' (encrypted)' : ''}${paused ? ' (turned off in the app)' : ''}`,
        `Last round:  ${lastRound ?? 'never'}`,
        `Segments:    ${published} sent; ${
          Object.entries(devices)
            .map(([d, n]) => `${n} from ${d}`)
            .join(', ') || 'none received'
        }`,
        `Conflicts:   ${conflicts}${conflicts ? ' (see `dossier sync conflicts`)' : ''}`,
        ...(s.running ? ['Now:         syncing…'] : []),
        ...(s.error ? [`Last error:  ${s.error}`] : []),
      ].join('\n')
    : `This archive has not been synced yet (device ${device}). Run \`dossier sync --folder DIR\` or \`dossier sync --webdav URL\`.`;
  return { json, text };
}

async function conflicts(api: Api): Promise<Output> {
  const { conflicts: list } = await api.call('sync.conflicts', {});
  const show = (v: unknown) => (typeof v === 'string' ? `“${v}”` : JSON.stringify(v));
  const lines = list.map((c) =>
    [
      `${c.itemId ?? c.entity}  ${c.title}: ${c.field} changed on both machines`,
      `  0 (kept)  ${show(c.current.value)}  from ${c.current.device} at ${c.current.at}`,
      ...c.others.map((o, i) => `  ${i + 1}         ${show(o.value)}  from ${o.device} at ${o.at}`),
    ].join('\n'),
  );
  return {
    json: { conflicts: list.map(({ title: _title, ...c }) => c) },
    text: list.length
      ? [...lines, '', 'Keep one with `dossier sync choose <id> <field> <n>`.'].join('\n')
      : 'No conflicts.',
  };
}

async function choose(api: Api, args: ParsedArgs): Promise<Output> {
  const [, , id, field, n] = args.positional;
  if (!id || !field || n === undefined) throw new UsageError('sync choose <id> <field> <n>');
  const entity = /^[inhrts]:/.test(id) ? id : `i:${id}`;
  const pick = Number(n);
  if (!Number.isInteger(pick) || pick < 0)
    throw new UsageError('sync choose <id> <field> <n>: n is 0 (the kept value) or the number of another');
  const { conflicts: left } = await api.call('sync.choose', { entity, field, pick });
  return {
    json: { pick, conflicts: left.length },
    text: `Kept value ${n} for ${field}; the next sync tells the other devices.`,
  };
}

// The `dossier` command: opens the archive (read-only for commands that only look),
// runs one command through the contract, prints text or one JSON document, and exits.
// Any failure is one line on stderr and a non-zero exit; stack traces go nowhere near it.

import { parseArgs, UsageError } from './args';
import { USAGE } from './usage';
import { commands, CommandError } from './commands';
import { openArchive } from '../core/open-archive';
import { defaultArchiveDir } from '../core/default-dir';
import { ArchiveError } from '../core/errors';
import { isBundle } from '../core/importing';
import path from 'node:path';

export type ServeCommand = (dir: string, options: Record<string, string>) => Promise<void>;

export async function main(argv: string[], serve?: ServeCommand): Promise<number> {
  let json = false;
  try {
    const args = parseArgs(argv);
    json = args.flags.has('json');
    const name = args.positional[0];
    if (!name || args.flags.has('help') || name === 'help') {
      process.stdout.write(USAGE);
      return name || args.flags.has('help') ? 0 : 2;
    }
    const dir = path.resolve(args.options.archive ?? defaultArchiveDir());
    if (name === 'serve') {
      if (!serve) throw new UsageError('serve is not available in this build');
      await serve(dir, args.options);
      return 0;
    }
    if (name === 'mcp') {
      // Loaded only here: the MCP SDK is not something other commands should pay for.
      const { runMcp } = await import('../mcp/mcp-command');
      await runMcp(dir, { allowWrites: args.flags.has('allow-writes') });
      return 0;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command “${name}”`);
    // Restoring a bundle into a new folder should give back exactly what was exported.
    const restoring = name === 'import' && args.positional.length > 1 && args.positional.slice(1).every(isBundle);
    const writes = typeof command.writes === 'function' ? command.writes(args) : command.writes;
    const archive = await openArchive(dir, { readOnly: !writes, create: Boolean(command.creates), seed: !restoring });
    try {
      const output = await command.run(archive, args);
      process.stdout.write(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
    } finally {
      await archive.close();
    }
    return 0;
  } catch (error) {
    const message = describe(error);
    process.stderr.write(`dossier: ${message}\n`);
    if (process.env.DOSSIER_DEBUG) console.error(error);
    return error instanceof UsageError ? 2 : 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return `${error.message} (see dossier --help)`;
  if (error instanceof CommandError || error instanceof ArchiveError) return error.message.split('\n')[0];
  if (error instanceof Error) return `unexpected error: ${error.message.split('\n')[0]} (set DOSSIER_DEBUG=1 for details)`;
  return 'unexpected error';
}

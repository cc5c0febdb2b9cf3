// The `dossier` command: parses the command line, answers --help at once, and hands any
// other command to run.ts (imported only then). Any failure is one line on stderr and a
// non-zero exit (2 for a usage error); stack traces go nowhere near it.

import path from 'node:path';
import { parseArgs, UsageError } from './args';
import { USAGE } from './usage';
import { describeFailure } from './failure';
import { print } from './pipes';
import { defaultArchiveDir } from '../core/default-dir';

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const name = args.positional[0];
    if (!name || args.flags.has('help') || name === 'help') {
      print(USAGE);
      return name || args.flags.has('help') ? 0 : 2;
    }
    const dir = path.resolve(args.options.archive ?? defaultArchiveDir());
    if (name === 'mcp') {
      // Loaded only here: the MCP SDK is not something other commands should pay for.
      const { runMcp } = await import('../mcp/mcp-command');
      await runMcp(dir, { allowWrites: args.flags.has('allow-writes') });
      return 0;
    }
    const { runCommand } = await import('./run');
    await runCommand(name, dir, args);
    return 0;
  } catch (error) {
    process.stderr.write(`dossier: ${describeFailure(error)}\n`);
    if (process.env.DOSSIER_DEBUG) console.error(error);
    return error instanceof UsageError ? 2 : 1;
  }
}

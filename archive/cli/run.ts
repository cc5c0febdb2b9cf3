// Runs one command against the archive: through the host that holds it when one is running
// (the desktop app, `dossier serve`), so the CLI works beside them with the same output and
// exit codes; otherwise by opening the archive here (read-only for commands that only look).

import { commands, type Api, type Command, type Output } from './commands';
import { CommandError } from './failure';
import { UsageError, type ParsedArgs } from './args';
import { print } from './pipes';
import { connectHost, type HostClient } from '../host/host-client';
import { ArchiveError } from '../core/errors';
import type { Outcome } from '../api/types';

/** How long a writer waits for another to let go of the archive, in all. */
const LOCK_WAIT_MS = 5_000;
/** How often, meanwhile, it looks for a host's socket. */
const LOCK_POLL_MS = 250;

function apiOver(call: (method: string, args: unknown) => Promise<Outcome<unknown>>): Api {
  return {
    async call(method, args) {
      const outcome = await call(method, args);
      if (!outcome.ok) throw new CommandError(outcome.error.message);
      return outcome.value as never;
    },
  };
}

/** A command's output as the user asked for it: its JSON document, or its text. */
function printOutput(output: Output, json: boolean): void {
  print(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
}

async function forward(host: HostClient, command: Command, args: ParsedArgs, json: boolean): Promise<void> {
  try {
    const output = await command.run(
      apiOver((method, a) => host.call(method, a)),
      args,
    );
    printOutput(output, json);
  } finally {
    host.close();
  }
}

/** Thrown out of a command run on the catalog that asked for more than a plain search. */
class NeedsArchive extends Error {}

/**
 * Runs a search-only command on the index catalog, without opening the archive; false when
 * there is no catalog of the archive's present state or the command asked for more, and it
 * must run the usual way (which then says what, if anything, is wrong).
 */
async function fromCatalog(dir: string, command: Command, args: ParsedArgs, json: boolean): Promise<boolean> {
  const { openCatalogSearch } = await import('../api/catalog-search');
  const index = await openCatalogSearch(dir).catch(() => null);
  if (!index) return false;
  try {
    const output = await command.run(
      {
        async call(method, a) {
          const result = method === 'search.query' ? await index.query(a) : null;
          if (!result) throw new NeedsArchive();
          return result as never;
        },
      },
      args,
    );
    printOutput(output, json);
    return true;
  } catch (error) {
    if (error instanceof NeedsArchive) return false;
    throw error;
  } finally {
    await index.close();
  }
}

export async function runCommand(name: string, dir: string, args: ParsedArgs): Promise<void> {
  const json = args.flags.has('json');
  if (name === 'serve') {
    const host = await connectHost(dir);
    const pid = await host?.welcomed;
    host?.close();
    if (typeof pid === 'number') {
      throw new CommandError(
        `The archive at ${dir} is already open in another Dossier process (pid ${pid}); its address is the one that process printed.`,
      );
    }
    const { serve } = await import('./serve-command');
    await serve(dir, args.options);
    return;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command “${name}”`);

  const host = await connectHost(dir);
  if (host) return forward(host, command, args, json);
  if (command.searchOnly && (await fromCatalog(dir, command, args, json))) return;

  const [{ openArchive }, { dispatch }] = await Promise.all([import('../api/open-archive'), import('../api/dispatch')]);
  // Restoring a bundle into a new folder should give back exactly what was exported.
  const restoring =
    name === 'import' &&
    args.positional.length > 1 &&
    args.positional.slice(1).every((await import('../flows/importing')).isBundle);
  const writes = typeof command.writes === 'function' ? command.writes(args) : command.writes;
  // A writer waits a while for the lock; meanwhile a host that was still opening the archive
  // when we looked may put its socket up: look again between short waits.
  const deadline = Date.now() + LOCK_WAIT_MS;
  let archive;
  for (;;) {
    try {
      archive = await openArchive(dir, {
        readOnly: !writes,
        create: Boolean(command.creates),
        seed: !restoring,
        lockWaitMs: LOCK_POLL_MS,
        oneCommand: true,
      });
      break;
    } catch (error) {
      if (!(error instanceof ArchiveError && error.code === 'conflict')) throw error;
      const late = await connectHost(dir);
      if (late) return forward(late, command, args, json);
      if (Date.now() >= deadline) throw error;
    }
  }
  try {
    const output = await command.run(
      apiOver((method, a) => dispatch(archive, method, a, { trusted: true })),
      args,
    );
    printOutput(output, json);
  } finally {
    // As the app's host does: an import's changes go to the index's workers in batches,
    // rather than being analysed one by one on this thread as the archive closes.
    if (writes) await archive.flush().catch(() => undefined);
    await archive.close();
  }
}

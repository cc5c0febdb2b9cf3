// Runs one command against the archive: through the host that holds it when one is running
// (the desktop app, `dossier serve`), so the CLI works beside them with the same output and
// exit codes; otherwise by opening the archive here (read-only for commands that only look).

import { commands, type Api } from './commands';
import { CommandError } from './failure';
import { UsageError, type ParsedArgs } from './args';
import { print } from './pipes';
import { connectHost } from '../host/host-client';
import type { Outcome } from '../api/types';

function apiOver(call: (method: string, args: unknown) => Promise<Outcome<unknown>>): Api {
  return {
    async call(method, args) {
      const outcome = await call(method, args);
      if (!outcome.ok) throw new CommandError(outcome.error.message);
      return outcome.value as never;
    },
  };
}

export async function runCommand(name: string, dir: string, args: ParsedArgs): Promise<void> {
  const json = args.flags.has('json');
  if (name === 'serve') {
    const host = await connectHost(dir);
    const pid = await host?.welcomed;
    host?.close();
    if (typeof pid === 'number') {
      throw new CommandError(`The archive at ${dir} is already open in another Dossier process (pid ${pid}); its address is the one that process printed.`);
    }
    const { serve } = await import('../server/serve-command');
    await serve(dir, args.options);
    return;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command “${name}”`);

  const host = await connectHost(dir);
  if (host) {
    try {
      const output = await command.run(apiOver((method, a) => host.call(method, a)), args);
      print(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
    } finally {
      host.close();
    }
    return;
  }

  const [{ openArchive }, { dispatch }] = await Promise.all([import('../core/open-archive'), import('../api/dispatch')]);
  // Restoring a bundle into a new folder should give back exactly what was exported.
  const restoring = name === 'import' && args.positional.length > 1 && args.positional.slice(1).every((await import('../core/importing')).isBundle);
  const writes = typeof command.writes === 'function' ? command.writes(args) : command.writes;
  const archive = await openArchive(dir, { readOnly: !writes, create: Boolean(command.creates), seed: !restoring });
  try {
    const output = await command.run(apiOver((method, a) => dispatch(archive, method, a, { trusted: true })), args);
    print(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
  } finally {
    await archive.close();
  }
}

// `dossier serve`: opens the archive as its one writer and becomes its host: serves the app
// on 127.0.0.1 and the archive's local socket (so the CLI works beside it), and prints the
// address (with this run's token) as the first line of stdout. On SIGINT or SIGTERM it
// stops accepting calls, flushes and closes the archive, and returns.

import { openArchive } from '../api/open-archive';
import { startServer } from '../server/server';
import { ArchiveService } from '../host/service';
import { startHostServer, type RunningHost } from '../host/host-server';
import { ensureRendererBuilt, rendererDir } from '../server/renderer-build';
import { UsageError } from './args';
import { ArchiveError } from '../core/errors';
import { serveClipper } from '../clipper/serve-clipper';
import type { ClipperService } from '../clipper/clipper-service';
import { importPool } from '../flows/import-pool';

const DEFAULT_PORT = 4318;

/** The port given as --`name` (0 picks a free one), or `fallback` when the command line says nothing. */
function portOption<T>(options: Record<string, string>, name: string, fallback: T): number | T {
  const value = options[name];
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--${name} must be a number from 0 to 65535, not “${value}”`);
  return port;
}

export async function serve(dir: string, options: Record<string, string>): Promise<void> {
  const port = portOption(options, 'port', DEFAULT_PORT);
  // The browser extension's listener: on when asked for here, else as the archive's settings say.
  const extensionPort = portOption(options, 'clipper-port', null);
  const root = rendererDir();
  await ensureRendererBuilt(root);
  const archive = await openArchive(dir);
  const service = new ArchiveService(archive);
  let server;
  let host: RunningHost | null = null;
  // The extension listener is one more host of the same archive; the page's settings reach it through `clipper`.
  let clipper: ClipperService | null = null;
  try {
    host = await startHostServer({ dir, service }).catch((error: Error) => {
      process.stderr.write(
        `dossier: the dossier command cannot reach this archive while it is served (${error.message.split('\n')[0]})\n`,
      );
      return null;
    });
    server = await startServer({
      rendererDir: root,
      port,
      // Never trusted: a page cannot name files on this machine.
      call: (method, args, options) =>
        service.call(method, args, {
          trusted: false,
          signal: options?.signal,
          by: options?.by ?? 'browser',
          clipper: clipper ?? undefined,
        }),
      events: (listener) => service.on(listener),
    });
  } catch (error) {
    await host?.close();
    await archive.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ArchiveError('io_error', `port ${port} is in use; pick another with --port N (0 picks a free one)`);
    throw error;
  }
  process.stdout.write(`Dossier is serving ${dir} at ${server.url}\n`);
  // Sync rounds after edits and on a timer, when a target is set and sync is on.
  service.sync.start();
  try {
    clipper = await serveClipper(archive, extensionPort, server.url, (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    await service.sync.stop();
    await server.close();
    await host?.close();
    await archive.close();
    throw error;
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await clipper.close();
  await service.sync.stop();
  await server.close();
  await host?.close();
  // No import can come now: the idle import workers (some 30 MB each) end before closing
  // persists the index and writes the catalog, not after.
  await importPool.stop();
  try {
    await archive.flush();
  } finally {
    await archive.close();
  }
  process.stderr.write('dossier: archive flushed and closed\n');
}

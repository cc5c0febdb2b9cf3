// The browser extension's listener as `dossier serve` runs it (`--clipper-port N`, or
// `--clipper` for the default port): calls go to the same archive, untrusted; the pairing
// code is printed, and printed again whenever it is replaced.

import path from 'node:path';
import type { Archive } from '../core/archive';
import { dispatch } from '../api/dispatch';
import { ArchiveError } from '../core/errors';
import { UsageError } from '../cli/args';
import { DEFAULT_CLIPPER_PORT, startClipper, type RunningClipper } from './listener';
import { Pairing } from './pairing';

/** Where paired tokens (their hashes) are kept, beside the archive's own files. */
export const TOKEN_FILE = 'clipper-tokens.json';

/** The port asked for on the command line, or null when the listener stays off. */
export function clipperPort(options: Record<string, string>, flags?: Set<string>): number | null {
  const value = options['clipper-port'];
  if (value === undefined) return flags?.has('clipper') ? DEFAULT_CLIPPER_PORT : null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--clipper-port must be a number from 0 to 65535, not “${value}”`);
  return port;
}

export async function serveClipper(archive: Archive, port: number, appUrl: string, print: (line: string) => void): Promise<RunningClipper> {
  const pairing = await Pairing.load({ file: path.join(archive.dir, TOKEN_FILE), onCode: (code) => print(`Browser extension pairing code: ${code}`) });
  let clipper: RunningClipper;
  try {
    clipper = await startClipper({
      port,
      pairing,
      name: path.basename(archive.dir),
      call: (method, args) => dispatch(archive, method, args, { trusted: false }),
      // The browser UI has no per-item address yet: "Open in Dossier" opens the app.
      open: async () => ({ url: appUrl }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ArchiveError('io_error', `port ${port} is in use; pick another with --clipper-port N`);
    throw error;
  }
  print(`Browser extension: listening on 127.0.0.1:${clipper.port}`);
  pairing.code();
  return clipper;
}

// The browser extension's listener as `dossier serve` runs it: on when the command asks for
// a port or the archive's "Browser extension" setting is on (the page's settings can turn
// it on and off too); calls go to the same archive, untrusted; pairing codes are printed.

import type { Archive } from '../core/archive';
import { dispatch } from '../api/dispatch';
import { ArchiveError } from '../core/errors';
import { ClipperService } from './clipper-service';
import { savedClipperSetting } from './clipper-setting';

/** Starts the service (and the listener, when asked for or set on); refuses a busy port given on the command line. */
export async function serveClipper(
  archive: Archive,
  requestedPort: number | null,
  appUrl: string,
  print: (line: string) => void,
): Promise<ClipperService> {
  const service = new ClipperService({
    dir: archive.dir,
    print,
    call: (method, args) => dispatch(archive, method, args, { trusted: false }),
    // The browser UI has no per-item address yet: "Open in Dossier" opens the app.
    open: async () => ({ url: appUrl }),
  });
  const saved = await savedClipperSetting(archive);
  if (requestedPort === null && !saved.on) return service;
  const status = await service.configure(true, requestedPort ?? saved.port);
  if (status.error !== null) {
    if (requestedPort !== null)
      throw new ArchiveError('io_error', `${status.error.replace(/\.$/, '')} (--clipper-port N)`);
    process.stderr.write(`dossier: browser extension listener is off: ${status.error}\n`);
  }
  return service;
}

// The desktop app's "Browser extension" setting: the extension listener runs in the archive
// host process when the archive's setting says so (off by default); the renderer turns it
// on and off through clipper.configure, which reaches the same service.

import type { Archive } from '../core/archive';
import type { Outcome } from '../api/types';
import { ClipperService } from './clipper-service';
import { savedClipperSetting } from './clipper-setting';

export interface AppListenerDeps {
  archive: Archive;
  /** Runs a contract call for the extension, untrusted. */
  call: (method: string, args: unknown) => Promise<Outcome<unknown>>;
  log: (message: string) => void;
}

export function startAppListener({ archive, call, log }: AppListenerDeps): ClipperService {
  const service = new ClipperService({ dir: archive.dir, call: call as never, open: async () => ({ url: null }) });
  // Not awaited: the setting waits for the archive's read of dossier.json, which a host does
  // after its first searches; a change the app asks for meanwhile waits for the same read.
  void savedClipperSetting(archive)
    .then(async ({ on, port }) => {
      if (!on) return;
      const status = await service.configure(true, port);
      if (status.error) log(`browser extension listener is off: ${status.error}`);
    })
    .catch(() => undefined); // an archive that cannot be read says so to every call
  return service;
}

// The desktop app's "Browser extension" setting: the extension listener (archive/clipper)
// runs beside the window when the archive's setting says so, off by default; the renderer
// turns it on and off through clipper.configure. "Open in Dossier" brings the window forward.

import type { Archive } from '../../archive/core/archive';
import { ClipperService } from '../../archive/clipper/clipper-service';
import { DEFAULT_CLIPPER_PORT } from '../../archive/clipper/listener';
import { CLIPPER_PORT_PREFERENCE, CLIPPER_PREFERENCE } from '../../archive/api/handlers';
import { getPreferences } from '../../archive/core/preferences';
import type { Dispatch } from './ipc';
import type { Log } from './log';

export interface BrowserExtensionDeps {
  archive: () => Archive;
  dispatch: Dispatch;
  log: Log;
  showWindow: () => void;
}

export function startBrowserExtension({ archive, dispatch, log, showWindow }: BrowserExtensionDeps): ClipperService {
  const service = new ClipperService({
    dir: archive().dir,
    call: (method, args) => dispatch(archive(), method as Parameters<Dispatch>[1], args, { trusted: false, log: (error, m) => log(`${m} (browser extension) failed`, error) }),
    open: async () => {
      showWindow();
      return { url: null };
    },
  });
  const prefs = getPreferences(archive());
  if (prefs[CLIPPER_PREFERENCE] === true) {
    const port = typeof prefs[CLIPPER_PORT_PREFERENCE] === 'number' ? (prefs[CLIPPER_PORT_PREFERENCE] as number) : DEFAULT_CLIPPER_PORT;
    void service.configure(true, port).then((status) => status.error && log(`browser extension listener is off: ${status.error}`));
  }
  return service;
}

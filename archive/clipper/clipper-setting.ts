// The archive's "Browser extension" setting, as the hosts that run the listener read it when
// they start: whether it is on, and its port (the default when none is saved). Preferences
// live in dossier.json, so this waits until the archive has read it (a host opened searches
// first reads it in the background).

import type { Archive } from '../core/archive';
import { CLIPPER_PORT_PREFERENCE, CLIPPER_PREFERENCE } from '../api/handlers';
import { getPreferences } from '../core/preferences';
import { DEFAULT_CLIPPER_PORT } from './listener';

export async function savedClipperSetting(archive: Archive): Promise<{ on: boolean; port: number }> {
  await archive.loaded();
  const prefs = getPreferences(archive);
  const port = prefs[CLIPPER_PORT_PREFERENCE];
  return { on: prefs[CLIPPER_PREFERENCE] === true, port: typeof port === 'number' ? port : DEFAULT_CLIPPER_PORT };
}

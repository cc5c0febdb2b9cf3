// Where the archive lives when nobody says otherwise: DOSSIER_ARCHIVE, else the
// `archive/` folder inside the desktop app's userData folder, computed the way Electron
// computes it for the product name "Dossier", so that the CLI and the app share it.

import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Dossier';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}

export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_ARCHIVE ? path.resolve(env.DOSSIER_ARCHIVE) : path.join(userDataDir(env), 'archive');
}

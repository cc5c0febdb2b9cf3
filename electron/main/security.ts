// The rules every web contents lives by, as pure functions (where may it navigate, which
// links go to the OS browser, what may it download) and the installers that apply them:
// no navigation away from the app, no new windows, no webviews, every permission denied,
// and no spellchecker dictionaries fetched from the network.

import type { Session, WebContents } from 'electron';
import { isAppUrl, parseUrl, type AppOrigin } from './app-origin';

const MAX_EXTERNAL_URL_LENGTH = 4096;

/** Only the app's own pages may be shown in a window; everything else is cancelled. */
export function isNavigationAllowed(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin);
}

/**
 * The URL to hand to the OS browser for a link the user followed, or null to refuse it:
 * only http(s) with a host and without credentials (javascript:, file:, data:, custom
 * schemes and the like never leave the app).
 */
export function externalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = parseUrl(url.trim());
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Downloads are how the renderer saves exports: only blob:/data: URLs it made itself. */
export function isDownloadAllowed(url: string, origin: AppOrigin): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:') return true;
  return parsed.protocol === 'blob:' && isAppUrl(parsed.pathname, origin);
}

export type OpenExternal = (url: string) => Promise<void>;

/** Applies the navigation, window-open and webview rules to one web contents. */
export function hardenWebContents(contents: WebContents, origin: AppOrigin, openExternal: OpenExternal): void {
  const open = (url: string) => {
    const target = externalUrl(url);
    if (target) openExternal(target).catch(() => undefined);
  };
  contents.on('will-navigate', (event, url) => {
    if (isNavigationAllowed(url, origin)) return;
    event.preventDefault();
    open(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    open(url);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check (camera, notifications, geolocation, ...). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Lets the renderer save what it exported (the OS save dialog asks where); cancels the rest. */
export function guardDownloads(session: Session, origin: AppOrigin): void {
  session.on('will-download', (event, item) => {
    if (!isDownloadAllowed(item.getURL(), origin)) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ title: 'Save exported notes', defaultPath: item.getFilename() });
  });
}

/**
 * Where Chromium's spellchecker would fetch Hunspell dictionaries from: the loopback discard
 * port, so a request (should one ever be made) is refused on this machine and goes nowhere.
 */
export const OFFLINE_DICTIONARY_URL = 'http://127.0.0.1:9/';

/** The spellchecker is the OS's own on macOS; elsewhere it would download dictionaries, so it is off. */
export function spellcheckFromOs(platform: NodeJS.Platform): boolean {
  return platform === 'darwin';
}

/** "Nothing leaves your machine": no dictionary downloads, and no built-in spellchecker where it needs them. */
export function keepSpellcheckOffline(session: Session, platform: NodeJS.Platform): void {
  session.setSpellCheckerDictionaryDownloadURL(OFFLINE_DICTIONARY_URL);
  session.setSpellCheckerEnabled(spellcheckFromOs(platform));
  if (!spellcheckFromOs(platform)) session.setSpellCheckerLanguages([]);
}

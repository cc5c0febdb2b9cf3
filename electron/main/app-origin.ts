// Where the app's own pages come from: app://dossier/ in a build, the electron-vite dev
// server (loopback http only) under `npm run dev`. Every origin check in main goes through
// isAppUrl, so "is this the app?" has one answer.

export const APP_SCHEME = 'app';
export const APP_HOST = 'dossier';

export interface AppOrigin {
  /** With the colon, as URL#protocol gives it: 'app:' or 'http:'. */
  protocol: string;
  /** Host and port, as URL#host gives it. */
  host: string;
  /** The page the window opens. */
  entry: string;
}

export const BUILT_APP: AppOrigin = {
  protocol: `${APP_SCHEME}:`,
  host: APP_HOST,
  entry: `${APP_SCHEME}://${APP_HOST}/index.html`,
};

/**
 * The dev server's origin when electron-vite runs `dev` (ELECTRON_RENDERER_URL) in an
 * unpackaged app and it is a loopback http URL; the built app otherwise.
 */
export function appOrigin(devServerUrl: string | undefined, packaged: boolean): AppOrigin {
  if (packaged || !devServerUrl) return BUILT_APP;
  const url = parseUrl(devServerUrl);
  if (!url || url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return BUILT_APP;
  return { protocol: url.protocol, host: url.host, entry: url.href };
}

/** True when `url` is a page of the app itself (same scheme and host). */
export function isAppUrl(url: string | undefined | null, origin: AppOrigin = BUILT_APP): boolean {
  const parsed = url ? parseUrl(url) : null;
  return (
    parsed !== null &&
    parsed.protocol === origin.protocol &&
    parsed.host === origin.host &&
    !parsed.username &&
    !parsed.password
  );
}

export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

// The reader's preferences (theme, text size, pane widths), kept where they survive a
// `dossier serve` restarting on another port: localStorage is per origin (port included),
// so each value is also written to a cookie, which 127.0.0.1 shares across ports. The
// cookie wins when both exist; a value that no longer parses is ignored, never fatal.

const COOKIE = 'dossier_prefs';
const LOCAL_PREFIX = 'dossier.';
const ONE_YEAR = 60 * 60 * 24 * 365;

function cookiePrefs(): Record<string, unknown> {
  try {
    const raw = document.cookie
      .split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${COOKIE}=`));
    return raw ? (JSON.parse(decodeURIComponent(raw.slice(COOKIE.length + 1))) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The stored value for `key`, or undefined when there is none. */
export function readPreference(key: string): unknown {
  const fromCookie = cookiePrefs()[key];
  if (fromCookie !== undefined) return fromCookie;
  try {
    const stored = localStorage.getItem(LOCAL_PREFIX + key);
    return stored === null ? undefined : JSON.parse(stored);
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key` in both places; storage that is full or off is skipped. */
export function writePreference(key: string, value: unknown): void {
  try {
    localStorage.setItem(LOCAL_PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the cookie may still keep it
  }
  try {
    const all = { ...cookiePrefs(), [key]: value };
    // No Secure flag: the host is plain http on loopback. SameSite keeps it first-party.
    document.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify(all))}; path=/; max-age=${ONE_YEAR}; SameSite=Strict`;
  } catch {
    // cookies unavailable (a custom scheme): localStorage keeps it
  }
}

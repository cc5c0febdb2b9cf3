// The reader's preferences (theme, text size, pane widths). The archive keeps them
// (settings.get/set), so they follow it to another port, another browser or the desktop
// app; a cookie (shared by 127.0.0.1 across ports) and localStorage keep a copy for the
// first paint, before the archive answers. The archive's value wins once it arrives; a
// value that no longer parses is ignored, never fatal.

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

/** Stores `value` under `key` in the browser's two places and, when connected, the archive. */
export function writePreference(key: string, value: unknown): void {
  writeLocal(key, value);
  if (archive && archived.get(key) !== JSON.stringify(value)) {
    archived.set(key, JSON.stringify(value));
    // A change is sent at once (a reload right after it must not lose it); while one key
    // keeps changing (a splitter dragged), the rest wait and only the last is sent.
    const store = archive;
    const now = Date.now();
    clearTimeout(pending.get(key)?.timer);
    if (now - (lastSent.get(key) ?? 0) >= ARCHIVE_WRITE_MS) {
      lastSent.set(key, now);
      pending.delete(key);
      void store.set(key, value as ArchiveValue);
    } else {
      const send = () => {
        pending.delete(key);
        lastSent.set(key, Date.now());
        void store.set(key, value as ArchiveValue);
      };
      pending.set(key, { timer: setTimeout(send, ARCHIVE_WRITE_MS), send });
    }
  }
}

/** Sends what is still waiting (the page is going away). */
export function flushPreferences(): void {
  for (const { timer, send } of [...pending.values()]) {
    clearTimeout(timer);
    send();
  }
}

type ArchiveValue = string | number | boolean | null;

/** How this module reaches the archive (the api client, passed in so this stays testable). */
export interface PreferenceStore {
  get: () => Promise<Record<string, ArchiveValue> | null>;
  set: (key: string, value: ArchiveValue) => Promise<unknown>;
}

export const ARCHIVE_WRITE_MS = 300;
let archive: PreferenceStore | null = null;
/** What the archive is known to hold, as JSON, so an unchanged value is not sent back. */
const archived = new Map<string, string>();
const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; send: () => void }>();
const lastSent = new Map<string, number>();
const listeners = new Set<(key: string, value: unknown) => void>();

/** Called with each preference the archive changes after the first paint. */
export function onPreferenceChange(listener: (key: string, value: unknown) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Reads the archive's preferences and from then on writes every change there too. A
 * value the archive holds replaces the browser's copy (and tells the listeners); a value
 * only the browser holds (kept before the archive could) is sent to the archive.
 */
export async function connectArchive(store: PreferenceStore, keys: readonly string[]): Promise<void> {
  const remote = await store.get();
  if (!remote) return;
  archive = store;
  for (const key of keys) {
    const mine = readPreference(key);
    if (key in remote) {
      archived.set(key, JSON.stringify(remote[key]));
      if (JSON.stringify(mine) !== JSON.stringify(remote[key])) {
        writeLocal(key, remote[key]);
        for (const l of listeners) l(key, remote[key]);
      }
    } else if (mine !== undefined) writePreference(key, mine);
  }
}

/** Forgets the archive (tests). */
export function disconnectArchive(): void {
  archive = null;
  archived.clear();
  for (const p of pending.values()) clearTimeout(p.timer);
  pending.clear();
  lastSent.clear();
}

function writeLocal(key: string, value: unknown): void {
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

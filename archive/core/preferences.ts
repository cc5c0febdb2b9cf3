// The reader's preferences (theme, text size, pane widths…), kept in the archive rather
// than in a browser's storage, so they survive a new port, a new browser or the desktop
// app. Keys are short names; values are plain strings, numbers or booleans.

import { z } from 'zod';
import type { Archive } from './archive';
import { PreferenceKey, PreferenceValue } from './preference-schema';

export type Preferences = Record<string, z.infer<typeof PreferenceValue>>;

const KEY = 'preferences';
const MAX_PREFERENCES = 200;

export function getPreferences(archive: Archive): Preferences {
  const parsed = z.record(PreferenceKey, PreferenceValue).safeParse(archive.data.settings[KEY] ?? {});
  return parsed.success ? parsed.data : {};
}

/** Sets one preference (null removes it) and returns them all. */
export function setPreference(archive: Archive, key: string, value: z.infer<typeof PreferenceValue>): Preferences {
  const prefs = { ...getPreferences(archive) };
  if (prefs[key] === value) return prefs;
  if (value === null) delete prefs[key];
  else if (Object.keys(prefs).length < MAX_PREFERENCES || key in prefs) prefs[key] = value;
  archive.data.settings[KEY] = prefs;
  archive.store.putSettings();
  return prefs;
}

// State that survives a reload and a restart of the host: pane widths, theme, font size.
// Stored through lib/preferences (independent of the page's port).

import { useEffect, useState } from 'react';
import { readPreference, writePreference } from '../lib/preferences';

export function usePersistentState<T>(key: string, initial: T, valid: (value: unknown) => boolean = (v) => typeof v === typeof initial): [T, (value: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = readPreference(key);
    return stored !== undefined && valid(stored) ? (stored as T) : initial;
  });
  useEffect(() => {
    writePreference(key, value);
  }, [key, value]);
  return [value, setValue];
}

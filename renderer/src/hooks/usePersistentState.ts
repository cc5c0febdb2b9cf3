// State that survives a reload and a restart of the host: pane widths, theme, font size.
// Stored through lib/preferences (in the archive, with a browser copy for the first
// paint); a value the archive brings later replaces the one shown.

import { useEffect, useRef, useState } from 'react';
import { onPreferenceChange, readPreference, writePreference } from '../lib/preferences';

export function usePersistentState<T>(
  key: string,
  initial: T,
  valid: (value: unknown) => boolean = (v) => typeof v === typeof initial,
): [T, (value: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = readPreference(key);
    return stored !== undefined && valid(stored) ? (stored as T) : initial;
  });
  useEffect(() => {
    writePreference(key, value);
  }, [key, value]);
  const validRef = useRef(valid);
  validRef.current = valid;
  useEffect(() => onPreferenceChange((k, v) => k === key && validRef.current(v) && setValue(v as T)), [key]);
  return [value, setValue];
}

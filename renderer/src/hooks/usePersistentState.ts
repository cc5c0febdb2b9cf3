// State that survives a reload and a restart of the host: pane widths, theme, font size.
// Stored through lib/preferences (in the archive, with a browser copy for the first
// paint); a value the archive brings later replaces the one shown, even one that came
// between the first render and this hook's subscription, and the value shown at the first
// render is never written back over it.

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
  const validRef = useRef(valid);
  validRef.current = valid;
  // What is stored (or was read) for the key: only a change from it is written.
  const stored = useRef(value);
  useEffect(() => {
    if (Object.is(stored.current, value)) return;
    stored.current = value;
    writePreference(key, value);
  }, [key, value]);
  useEffect(() => {
    // The archive's answer may have come after the first render, before this listener
    // existed: the browser's copy has it.
    const latest = readPreference(key);
    if (latest !== undefined && validRef.current(latest)) setValue(latest as T);
    return onPreferenceChange((k, v) => k === key && validRef.current(v) && setValue(v as T));
  }, [key]);
  return [value, setValue];
}

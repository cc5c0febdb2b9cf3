// State that survives a reload: pane widths, theme, font size. Kept in localStorage under
// a `dossier.` key; a stored value that no longer parses is ignored, never fatal.

import { useEffect, useState } from 'react';

export function usePersistentState<T>(key: string, initial: T): [T, (value: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(`dossier.${key}`);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(`dossier.${key}`, JSON.stringify(value));
    } catch {
      // storage full or disabled: the setting simply does not persist
    }
  }, [key, value]);
  return [value, setValue];
}

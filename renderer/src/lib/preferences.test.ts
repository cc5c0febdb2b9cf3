// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ARCHIVE_WRITE_MS,
  connectArchive,
  disconnectArchive,
  flushPreferences,
  onPreferenceChange,
  readPreference,
  writePreference,
} from './preferences';

describe('preferences', () => {
  beforeEach(() => {
    localStorage.clear();
    document.cookie = 'dossier_prefs=; path=/; max-age=0';
  });

  it('keeps a value in a cookie, so another port (another origin for localStorage) still reads it', () => {
    writePreference('theme', 'dark');
    writePreference('fontSize', 21);
    localStorage.clear(); // what a page on another port starts with
    expect(readPreference('theme')).toBe('dark');
    expect(readPreference('fontSize')).toBe(21);
  });

  it('falls back to localStorage where cookies are not kept, and ignores what no longer parses', () => {
    localStorage.setItem('dossier.listWidth', '420');
    expect(readPreference('listWidth')).toBe(420);
    localStorage.setItem('dossier.theme', '{not json');
    expect(readPreference('theme')).toBeUndefined();
    document.cookie = 'dossier_prefs=%7Bbroken; path=/';
    expect(readPreference('listWidth')).toBe(420);
  });
});

describe('preferences kept in the archive', () => {
  type Value = string | number | boolean | null;
  function fakeArchive(initial: Record<string, Value>) {
    const stored = { ...initial };
    const sets: Array<[string, Value]> = [];
    return {
      stored,
      sets,
      store: {
        get: async () => ({ ...stored }),
        set: async (key: string, value: Value) => {
          sets.push([key, value]);
          stored[key] = value;
        },
      },
    };
  }

  beforeEach(() => {
    disconnectArchive();
    localStorage.clear();
    document.cookie = 'dossier_prefs=; path=/; max-age=0';
  });

  it('takes the archive’s value over the browser’s copy and tells the page', async () => {
    writePreference('theme', 'light');
    const archive = fakeArchive({ theme: 'dark', fontSize: 22 });
    const seen: Array<[string, unknown]> = [];
    const off = onPreferenceChange((k, v) => seen.push([k, v]));
    await connectArchive(archive.store, ['theme', 'fontSize', 'listWidth']);
    off();
    expect(readPreference('theme')).toBe('dark');
    expect(readPreference('fontSize')).toBe(22);
    expect(seen).toEqual([
      ['theme', 'dark'],
      ['fontSize', 22],
    ]);
    expect(archive.sets).toEqual([]);
  });

  it('sends a value only the browser had, then every change at once, dragging widths only at the end', async () => {
    vi.useFakeTimers();
    try {
      writePreference('listWidth', 380);
      const archive = fakeArchive({});
      await connectArchive(archive.store, ['theme', 'listWidth']);
      expect(archive.sets).toEqual([['listWidth', 380]]);
      vi.advanceTimersByTime(ARCHIVE_WRITE_MS);
      writePreference('theme', 'dark');
      expect(archive.sets.at(-1)).toEqual(['theme', 'dark']);
      // A splitter dragged: the first width goes, the ones in between wait, the last follows.
      for (const w of [400, 410, 420, 430]) writePreference('listWidth', w);
      expect(archive.sets.filter(([k]) => k === 'listWidth').map(([, v]) => v)).toEqual([380, 400]);
      vi.advanceTimersByTime(ARCHIVE_WRITE_MS);
      expect(archive.sets.filter(([k]) => k === 'listWidth').map(([, v]) => v)).toEqual([380, 400, 430]);
      // An unchanged value is not sent again; flushing sends what waits.
      writePreference('theme', 'dark');
      expect(archive.sets.filter(([k]) => k === 'theme')).toHaveLength(1);
      writePreference('listWidth', 440);
      writePreference('listWidth', 450);
      flushPreferences();
      expect(archive.sets.at(-1)).toEqual(['listWidth', 450]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays with the browser’s copy when the archive cannot answer', async () => {
    writePreference('theme', 'dark');
    await connectArchive({ get: async () => null, set: async () => undefined }, ['theme']);
    expect(readPreference('theme')).toBe('dark');
  });
});

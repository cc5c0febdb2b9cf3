// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { readPreference, writePreference } from './preferences';

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

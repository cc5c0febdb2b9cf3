// @vitest-environment jsdom
import { useLayoutEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectArchive, disconnectArchive, readPreference, writePreference } from '../lib/preferences';
import { render, settle } from '../test/render';
import { usePersistentState } from './usePersistentState';

function Theme({ seen }: { seen: string[] }) {
  const [theme] = usePersistentState<string>('theme', 'system');
  seen.push(theme);
  return null;
}

/** Stores a theme after its sibling's first render and before that sibling's effects run,
 *  as the archive's answer can when the page starts on a busy machine. */
function Arrives({ value }: { value: string }) {
  useLayoutEffect(() => writePreference('theme', value), [value]);
  return null;
}

describe('a persistent preference', () => {
  beforeEach(() => {
    localStorage.clear();
    document.cookie = 'dossier_prefs=; path=/; max-age=0';
  });
  afterEach(() => disconnectArchive());

  it('takes a value stored between its first render and its effects, and never writes the stale one back', async () => {
    const sent: Array<[string, unknown]> = [];
    await connectArchive(
      {
        get: async () => ({}),
        set: async (key, value) => {
          sent.push([key, value]);
        },
      },
      ['theme'],
    );
    const seen: string[] = [];
    await render(
      <>
        <Theme seen={seen} />
        <Arrives value="dark" />
      </>,
    );
    await settle();
    expect(seen[0]).toBe('system');
    expect(seen.at(-1)).toBe('dark');
    expect(readPreference('theme')).toBe('dark');
    // Even once a throttled write would have gone out.
    await new Promise((r) => setTimeout(r, 400));
    expect(sent).toEqual([['theme', 'dark']]);
  });

  it('writes a change made on the page, and nothing at all when nothing changes', async () => {
    const sent: Array<[string, unknown]> = [];
    await connectArchive(
      {
        get: async () => ({ theme: 'light' }),
        set: async (key, value) => {
          sent.push([key, value]);
        },
      },
      ['theme'],
    );
    let set!: (v: string) => void;
    function Picker() {
      const [theme, setTheme] = usePersistentState<string>('theme', 'system');
      set = setTheme;
      return <span>{theme}</span>;
    }
    const { container } = await render(<Picker />);
    expect(container.textContent).toBe('light');
    expect(sent).toEqual([]);
    const { act } = await import('react');
    await act(async () => set('dark'));
    expect(container.textContent).toBe('dark');
    expect(readPreference('theme')).toBe('dark');
    expect(sent).toEqual([['theme', 'dark']]);
  });
});

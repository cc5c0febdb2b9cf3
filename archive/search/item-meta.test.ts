import { describe, expect, it } from 'vitest';
import { ItemMeta, type LongFields } from './item-meta';
import type { SearchMeta } from './types';

const meta: SearchMeta = {
  id: '00000000000000a1',
  kind: 'article',
  title: 'Interest rates held',
  tags: ['Economy'],
  source: 'Reuters',
  byline: 'A. Writer',
  notes: 'Read again before the vote.',
  url: 'https://example.com/rates',
  excerpt: 'The bank held rates.',
  published: '2024-05-01',
  added: '2024-05-02T10:00:00.000Z',
  language: 'en',
  hasNotes: true,
  hasHighlights: false,
  unread: true,
  stamp: '2024-05-02T10:00:00.000Z',
};

describe("an item's metadata in the engine", () => {
  it('keeps every field of what it was made from, with defaults for the optional ones', () => {
    const m = ItemMeta.of(meta);
    expect(m.plain()).toEqual({ ...meta, archived: false, favourite: false });
    expect(JSON.parse(JSON.stringify(m))).toEqual({ ...meta, archived: false, favourite: false });
    expect(ItemMeta.of(m)).toBe(m);
  });

  it('reads lazy long fields each time they are asked for and keeps none of them', () => {
    let reads = 0;
    const long = (): LongFields => {
      reads++;
      return { byline: null, notes: `read ${reads}`, url: null, excerpt: '' };
    };
    const { byline: _b, notes: _n, url: _u, excerpt: _e, ...short } = meta;
    const m = new ItemMeta({ ...short, archived: true, favourite: false }, long);
    expect(reads).toBe(0);
    expect(m.notes).toBe('read 1');
    expect(m.notes).toBe('read 2');
    expect(m.archived).toBe(true);
    expect(Object.keys(m)).not.toContain('notes');
  });
});

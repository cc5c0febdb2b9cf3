import { describe, it, expect } from 'vitest';
import { migrate } from './migrations';
import { ARCHIVE_VERSION } from './model';

describe('migrations', () => {
  it('brings an unversioned (v0) archive to the current version, keeping its items', () => {
    const item = {
      id: '0123456789abcdef',
      kind: 'article',
      title: 'Kept',
      byline: null,
      source: null,
      url: null,
      published: null,
      added: '2024-10-06T00:00:00.000Z',
      updated: '2024-10-06T00:00:00.000Z',
      language: 'en',
      excerpt: '',
      wordCount: 0,
      tags: [],
      readAt: null,
      content: { html: false, text: false },
      textHash: null,
    };
    const v0 = { items: [item], tags: [] };
    const data = migrate(v0);
    expect(data.version).toBe(ARCHIVE_VERSION);
    expect(data.seq).toBe(0);
    expect(data.items).toEqual([{ ...item, archivedAt: null, favourite: false, progress: 0, assets: [] }]);
    expect(data.notes).toEqual([]);
    expect(data.highlights).toEqual([]);
    expect(data.relations).toEqual([]);
  });

  it('refuses an archive from a newer Dossier', () => {
    expect(() => migrate({ version: ARCHIVE_VERSION + 1, items: [] })).toThrow(/newer Dossier/);
  });

  it('refuses something that is not an archive', () => {
    expect(() => migrate([1, 2])).toThrow(/archive object/);
    expect(() => migrate({ version: 1, items: 'x', tags: [], notes: [], highlights: [], relations: [] })).toThrow(
      /items/,
    );
  });

  it('names the damage in a file that parses but is not an archive, in one line', () => {
    const base = { version: 2, seq: 0, tags: [], notes: [], highlights: [], relations: [], settings: {} };
    expect(() => migrate({ ...base, items: [null] })).toThrow(
      /^dossier\.json is damaged: items\[0\]: expected object, received null; .*dossier restore/,
    );
    expect(() => migrate({ ...base, items: [], tags: 'x' })).toThrow(/"tags" is not a list/);
    expect(() => migrate({ ...base, items: [{ id: '../../etc/passwd' }] })).toThrow(/items\[0\]/);
  });

  it('brings a version 1 archive to version 2 with an empty journal position', () => {
    const data = migrate({ version: 1, items: [], tags: [], notes: [], highlights: [], relations: [], settings: {} });
    expect(data).toMatchObject({ version: 2, seq: 0 });
  });
});

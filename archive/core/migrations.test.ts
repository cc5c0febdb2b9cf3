import { describe, it, expect } from 'vitest';
import { migrate } from './migrations';
import { ARCHIVE_VERSION } from './model';

describe('migrations', () => {
  it('brings an unversioned (v0) archive to the current version, keeping its items', () => {
    const v0 = { items: [{ id: '0123456789abcdef', title: 'Kept' }], tags: [] };
    const data = migrate(v0);
    expect(data.version).toBe(ARCHIVE_VERSION);
    expect(data.items).toEqual(v0.items);
    expect(data.notes).toEqual([]);
    expect(data.highlights).toEqual([]);
    expect(data.relations).toEqual([]);
  });

  it('refuses an archive from a newer Dossier', () => {
    expect(() => migrate({ version: ARCHIVE_VERSION + 1, items: [] })).toThrow(/newer Dossier/);
  });

  it('refuses something that is not an archive', () => {
    expect(() => migrate([1, 2])).toThrow(/archive object/);
    expect(() => migrate({ version: 1, items: 'x', tags: [], notes: [], highlights: [], relations: [] })).toThrow(/items/);
  });
});

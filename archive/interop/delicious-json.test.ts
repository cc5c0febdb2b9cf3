import { describe, expect, it } from 'vitest';
import { deliciousJsonImporter } from './delicious-json';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Delicious JSON (fixtures in the repository)', () => {
  it('reads tag arrays once per tag whatever the case, epoch dates, descriptions', async () => {
    const { drafts, skipped } = await loadOwn(deliciousJsonImporter, 'delicious.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'A guide to bread',
        url: 'https://bread.example.com/guide',
        tags: ['baking', 'food'],
        excerpt: 'Flour, water, salt, time.',
        added: '2013-01-18T17:53:27.000Z',
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'Broken', reason: 'not a web address: notaurl' }]);
  });
});

describe.skipIf(!hasFixtures(DIR))('Delicious JSON', () => {
  it('reads titles, tag arrays (dropping empty tags) and epoch dates', async () => {
    const { drafts, skipped } = await load(deliciousJsonImporter, DIR, 'delicious_export.2021.02.06_21.10.json');
    expect(skipped).toEqual([]);
    expect(drafts.map((d) => d.tags)).toEqual([
      ['basket', 'javascript', 'loader', 'localStorage'],
      [],
      ['MAC_address', 'osx', 'mac', 'spoof'],
    ]);
    expect(drafts[0]).toMatchObject({
      kind: 'bookmark',
      url: 'https://addyosmani.com/basket.js/',
      added: '2013-01-18T17:53:27.000Z',
    });
  });
});

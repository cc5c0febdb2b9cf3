import { describe, expect, it } from 'vitest';
import { deliciousJsonImporter } from './delicious-json';
import { hasFixtures, load } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe.skipIf(!hasFixtures(DIR))('Delicious JSON', () => {
  it('reads titles, tag arrays (dropping empty tags) and epoch dates', async () => {
    const { drafts, skipped } = await load(deliciousJsonImporter, DIR, 'delicious_export.2021.02.06_21.10.json');
    expect(skipped).toEqual([]);
    expect(drafts.map((d) => d.tags)).toEqual([['basket', 'javascript', 'loader', 'localStorage'], [], ['MAC_address', 'osx', 'mac', 'spoof']]);
    expect(drafts[0]).toMatchObject({ kind: 'bookmark', url: 'https://addyosmani.com/basket.js/', added: '2013-01-18T17:53:27.000Z' });
  });
});

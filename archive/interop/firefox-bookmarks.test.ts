import { describe, expect, it } from 'vitest';
import { firefoxBookmarksImporter } from './firefox-bookmarks';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Firefox bookmark JSON (fixtures in the repository)', () => {
  it('reads a backup: folders below the roots and place tags as tags, microsecond dates, place: queries skipped', async () => {
    const { drafts, skipped } = await loadOwn(firefoxBookmarksImporter, 'firefox-bookmarks.json');
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Long read on rivers',
        url: 'https://rivers.example.org/long-read',
        tags: ['Reading', 'rivers', 'Geography'],
        added: '2023-11-14T22:13:20.000Z',
      }),
    ]);
    expect(skipped).toEqual([{ entry: 'Most Visited', reason: 'not a web address: place:sort=8&maxResults=10' }]);
  });

  it('makes folders tags and skips place: queries', () => {
    const tree = {
      type: 'text/x-moz-place-container',
      root: 'placesRoot',
      children: [
        {
          type: 'text/x-moz-place-container',
          title: 'News',
          children: [
            { type: 'text/x-moz-place', title: 'Story', uri: 'https://news.example/s', dateAdded: 1700000000000000 },
            { type: 'text/x-moz-place', title: 'Most visited', uri: 'place:sort=8' },
          ],
        },
      ],
    };
    const parsed = firefoxBookmarksImporter.parse({
      name: 'b.json',
      bytes: new TextEncoder().encode(JSON.stringify(tree)),
    });
    expect(parsed).toMatchObject({
      drafts: [{ title: 'Story', tags: ['News'], added: '2023-11-14T22:13:20.000Z' }],
      skipped: [{ entry: 'Most visited', reason: 'not a web address: place:sort=8' }],
    });
  });
});

describe.skipIf(!hasFixtures(DIR))('Firefox bookmark JSON', () => {
  it('reads places below the roots with their tags and dates', async () => {
    const { drafts, skipped } = await load(firefoxBookmarksImporter, DIR, 'firefox-bookmarks.json');
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      kind: 'bookmark',
      title: 'Tarn : Des lapins ravagent le terrain, le match de rugby doit être annulé',
      url: 'https://www.20minutes.fr/sport/4002755-20220928-tarn-lapins-ravagent-terrain-match-rugby-doit-etre-annule',
      tags: ['test', 'tag'],
      added: '2013-12-27T17:41:31.644Z',
    });
  });
});

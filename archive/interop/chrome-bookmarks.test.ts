import { describe, expect, it } from 'vitest';
import { chromeBookmarksImporter } from './chrome-bookmarks';
import { hasFixtures, load, loadOwn } from './test-fixtures';

const DIR = 'wallabag-fixtures';

describe('Chrome bookmark JSON (fixtures in the repository)', () => {
  it('reads the Bookmarks file: folders below the roots as tags, WebKit-epoch dates, bookmarklets skipped', async () => {
    const { drafts, skipped } = await loadOwn(chromeBookmarksImporter, 'Bookmarks');
    expect(drafts.map((d) => [d.title, d.url, d.tags, d.added])).toEqual([
      ['Vote counts by region', 'https://elections.example.org/results', ['Politics'], '2024-01-17T21:20:00.000Z'],
      ['Weather', 'https://weather.example.com/', [], '2024-01-17T21:20:00.000Z'],
    ]);
    expect(skipped).toEqual([{ entry: 'Bookmarklet', reason: 'not a web address: javascript:void(0)' }]);
  });

  it('makes nested folders tags and skips javascript: bookmarklets', () => {
    const file = {
      roots: {
        bookmark_bar: {
          type: 'folder',
          name: 'Bookmarks bar',
          children: [
            {
              type: 'folder',
              name: 'Politics',
              children: [{ type: 'url', name: 'Vote', url: 'https://vote.example/' }],
            },
            { type: 'url', name: 'Bookmarklet', url: 'javascript:void(0)' },
          ],
        },
      },
    };
    const parsed = chromeBookmarksImporter.parse({
      name: 'Bookmarks',
      bytes: new TextEncoder().encode(JSON.stringify(file)),
    });
    expect(parsed).toMatchObject({
      drafts: [{ title: 'Vote', tags: ['Politics'] }],
      skipped: [{ entry: 'Bookmarklet' }],
    });
  });
});

describe.skipIf(!hasFixtures(DIR))('Chrome bookmark JSON', () => {
  it('reads chrome-bookmarks with its WebKit-epoch date and no root-folder tag', async () => {
    const { drafts, skipped } = await load(chromeBookmarksImporter, DIR, 'chrome-bookmarks');
    expect(skipped).toEqual([]);
    expect(drafts).toEqual([
      expect.objectContaining({
        kind: 'bookmark',
        title: 'Tournoi des VI Nations : Le trophée gagné par le XV de France a-t-il fini au fond de la Seine ?',
        url: 'https://www.20minutes.fr/sport/3256363-20220321-tournoi-vi-nations-trophee-gagne-xv-france-fini-fond-seine',
        tags: [],
        added: '2016-09-20T13:15:29.335Z',
        text: '',
      }),
    ]);
  });
});
